package io.postmortemsync.tracker.jira;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One debug line per exchange (method, path, status, time); headers at trace, with
 * {@code Authorization} and cookies redacted. Bodies are never logged: they carry people's names
 * and e-mail addresses, and nobody needs them to see what the daemon did.
 */
final class LoggingInterceptor implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger("io.postmortemsync.tracker.jira.http");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (log.isTraceEnabled()) {
            log.trace("--> {} {}{}", request.method(), origin(request), headers(request.headers()));
        }
        long start = System.nanoTime();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            log.debug(
                    "<-- {} {} failed after {} ms: {}",
                    request.method(),
                    request.url().encodedPath(),
                    elapsed(start),
                    e.toString());
            throw e;
        }
        if (log.isDebugEnabled()) {
            log.debug(
                    "<-- {} {} {} ({} ms){}",
                    response.code(),
                    request.method(),
                    request.url().encodedPath(),
                    elapsed(start),
                    log.isTraceEnabled() ? headers(response.headers()) : "");
        }
        return response;
    }

    private static String origin(Request request) {
        // Scheme, host and path only: a query may carry an e-mail address (user search).
        return request.url().scheme() + "://" + request.url().host() + ":"
                + request.url().port() + request.url().encodedPath();
    }

    private static long elapsed(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String headers(Headers headers) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            b.append("\n    ")
                    .append(headers.name(i))
                    .append(": ")
                    .append(HeaderInterceptors.redact(headers.name(i), headers.value(i)));
        }
        return b.toString();
    }
}
