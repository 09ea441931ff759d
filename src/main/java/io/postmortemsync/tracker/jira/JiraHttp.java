package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.postmortemsync.config.TrackerConfig.AuthConfig;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The one HTTP client of the adapter. Every cross-cutting concern is an interceptor, applied in
 * this order: retry (429 always; 5xx / I/O only when idempotent) → concurrency bound → observer
 * (one report per exchange) → user agent → credentials → logging (credentials redacted).
 *
 * <p>OkHttp's own silent retry on connection failure is switched off: it may re-send a POST the
 * server already processed, and a bulk create must never be sent twice blindly. Redirects are not
 * followed either: a redirect means {@code tracker.url} is wrong, and following it would turn a
 * POST into a GET.
 */
final class JiraHttp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl base;
    private final OkHttpClient client;
    private final HeaderInterceptors.Scheme scheme;
    private final LimitingInterceptor limiter;

    JiraHttp(
            HttpUrl base,
            AuthConfig auth,
            TrackerRequestObserver observer,
            Clock clock,
            JiraTracker.Tuning tuning,
            int maxConcurrency) {
        this.base = base;
        this.scheme = HeaderInterceptors.Scheme.of(auth);
        this.limiter = new LimitingInterceptor(maxConcurrency);
        Backoff backoff = new Backoff(tuning.baseBackoff(), tuning.maxBackoff(), tuning.jitter(), clock);
        this.client = new OkHttpClient.Builder()
                .connectTimeout(tuning.connectTimeout())
                .readTimeout(tuning.readTimeout())
                .writeTimeout(tuning.readTimeout())
                .socketFactory(new NoDelaySocketFactory())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(
                        new RetryInterceptor(tuning.maxAttempts(), tuning.maxRetryWait(), backoff, tuning.sleeper()))
                .addInterceptor(limiter)
                .addInterceptor(new ObservingInterceptor(observer))
                .addInterceptor(HeaderInterceptors.userAgent())
                .addInterceptor(HeaderInterceptors.auth(auth, base))
                .addInterceptor(new LoggingInterceptor())
                .build();
    }

    HttpUrl base() {
        return base;
    }

    HeaderInterceptors.Scheme scheme() {
        return scheme;
    }

    LimitingInterceptor limiter() {
        return limiter;
    }

    /** The base URL plus path segments, each escaped as one segment (never split on '/'). */
    HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b;
    }

    /** A REST path under {@code /rest/api/<version>/}: fixed segments, then caller-supplied ones. */
    HttpUrl.Builder api(String version, String... segments) {
        HttpUrl.Builder b = url("rest", "api", version);
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b;
    }

    JsonNode get(Op op, HttpUrl url) throws TrackerException {
        return expectOk(op, "GET", url, exchange(op, "GET", url, null, true));
    }

    JsonNode post(Op op, HttpUrl url, JsonNode body, boolean idempotent) throws TrackerException {
        return expectOk(op, "POST", url, exchange(op, "POST", url, body, idempotent));
    }

    /**
     * Sends one request (with retries as the interceptors allow) and returns whatever Jira
     * answered; throws only when no answer arrived (I/O error, time-out).
     */
    JiraAnswer exchange(Op op, String method, HttpUrl url, JsonNode body, boolean idempotent) throws TrackerException {
        RequestBody requestBody = body == null ? null : RequestBody.create(serialize(body), JSON_TYPE);
        Request request = new Request.Builder()
                .url(url)
                .method(method, requestBody)
                .tag(CallTag.class, new CallTag(op, idempotent))
                .build();
        try (Response response = client.newCall(request).execute()) {
            byte[] bytes = response.body().bytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            return new JiraAnswer(response.code(), response.headers(), parse(text), text);
        } catch (IOException e) {
            throw JiraErrors.fromIo(describe(op, method, url), url.host(), e);
        }
    }

    TrackerException failure(Op op, HttpUrl url, String method, JiraAnswer answer) {
        return JiraErrors.fromAnswer(describe(op, method, url), op.permission(), answer, scheme);
    }

    private JsonNode expectOk(Op op, String method, HttpUrl url, JiraAnswer answer) throws TrackerException {
        if (answer.ok()) {
            return answer.json();
        }
        throw failure(op, url, method, answer);
    }

    private static String describe(Op op, String method, HttpUrl url) {
        return op.label() + " (" + method + " " + url.encodedPath() + ")";
    }

    private static byte[] serialize(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
