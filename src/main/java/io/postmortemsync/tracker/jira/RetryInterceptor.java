package io.postmortemsync.tracker.jira;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a call again when that is safe and may help: after a 429 for every call (Jira rejected it
 * without processing it), and after a 5xx, an I/O error or a time-out only for idempotent calls. A
 * create is never re-sent here: whether it happened is unknown, and {@link JiraTracker} looks it up
 * by its sync-key label instead.
 *
 * <p>Bounded twice: at most {@code maxAttempts} tries, and never a single wait longer than
 * {@code maxWait}; when Jira asks for more, the 429 is handed back and becomes RATE_LIMITED.
 */
final class RetryInterceptor implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);

    private final int maxAttempts;
    private final Duration maxWait;
    private final Backoff backoff;
    private final JiraTracker.Sleeper sleeper;

    RetryInterceptor(int maxAttempts, Duration maxWait, Backoff backoff, JiraTracker.Sleeper sleeper) {
        this.maxAttempts = maxAttempts;
        this.maxWait = maxWait;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallTag tag = request.tag(CallTag.class);
        boolean idempotent = tag != null && tag.idempotent();
        String what = (tag == null ? "request" : tag.op().label()) + " " + request.method() + " "
                + request.url().encodedPath();
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted() || !idempotent || attempt >= maxAttempts) {
                    throw e;
                }
                // A time-out of an idempotent call: worth another try.
                Duration wait = backoff.exponential(attempt);
                log.info(
                        "Jira {} timed out; retrying in {} (attempt {} of {})",
                        what,
                        pretty(wait),
                        attempt + 1,
                        maxAttempts);
                pause(wait);
                continue;
            } catch (IOException e) {
                if (!idempotent || attempt >= maxAttempts) {
                    throw e;
                }
                Duration wait = backoff.exponential(attempt);
                log.info(
                        "Jira {} failed ({}); retrying in {} (attempt {} of {})",
                        what,
                        e.getClass().getSimpleName(),
                        pretty(wait),
                        attempt + 1,
                        maxAttempts);
                pause(wait);
                continue;
            }
            int code = response.code();
            boolean retryable = code == 429 || (idempotent && JiraErrors.isTransientStatus(code));
            if (!retryable || attempt >= maxAttempts) {
                return response;
            }
            Optional<Duration> asked = backoff.serverRequested(response);
            Duration wait = asked.isPresent() ? asked.get() : backoff.exponential(attempt);
            if (wait.compareTo(maxWait) > 0) {
                log.warn(
                        "Jira {} answered HTTP {} and asks to wait {}, longer than the {} this daemon waits; giving up for now",
                        what,
                        code,
                        pretty(wait),
                        pretty(maxWait));
                return response;
            }
            log.info(
                    "Jira {} answered HTTP {}; retrying in {} (attempt {} of {})",
                    what,
                    code,
                    pretty(wait),
                    attempt + 1,
                    maxAttempts);
            response.close();
            pause(wait);
        }
    }

    private void pause(Duration wait) throws InterruptedIOException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting to retry a Jira call");
            io.initCause(e);
            throw io;
        }
    }

    private static String pretty(Duration d) {
        return d.toMillis() < 1000
                ? d.toMillis() + " ms"
                : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
