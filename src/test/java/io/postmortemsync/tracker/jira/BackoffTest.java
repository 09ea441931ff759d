package io.postmortemsync.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.fakejira.TestClock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final TestClock clock = TestClock.at("2025-04-16T08:00:30Z");

    private Response answer(String... headers) {
        Response.Builder b = new Response.Builder()
                .request(new Request.Builder().url("https://x.atlassian.net/").build())
                .protocol(Protocol.HTTP_1_1)
                .code(429)
                .message("Too Many Requests");
        for (int i = 0; i < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    @Test
    void fullJitterStaysBetweenZeroAndTheCappedExponential() {
        Backoff top = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999, clock);
        Backoff bottom = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0, clock);
        assertThat(top.exponential(1))
                .isLessThan(Duration.ofMillis(500))
                .isGreaterThanOrEqualTo(Duration.ofMillis(499));
        assertThat(top.exponential(3)).isLessThan(Duration.ofSeconds(2));
        assertThat(top.exponential(10))
                .isLessThan(Duration.ofSeconds(30))
                .isGreaterThanOrEqualTo(Duration.ofMillis(29_999));
        assertThat(top.exponential(64)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(bottom.exponential(5)).isZero();
    }

    @Test
    void retryAfterInSecondsWinsOverTheResetTime() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0, clock);
        assertThat(b.serverRequested(answer("Retry-After", "7", "X-RateLimit-Reset", "2025-04-16T09:00Z")))
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void theResetTimeIsReadInEveryFormJiraAndGatewaysUse() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0, clock);
        assertThat(b.serverRequested(answer("X-RateLimit-Reset", "2025-04-16T08:02Z")))
                .contains(Duration.ofSeconds(90));
        assertThat(b.serverRequested(answer("X-RateLimit-Reset", "2025-04-16T08:01:00.000Z")))
                .contains(Duration.ofSeconds(30));
        assertThat(b.serverRequested(answer(
                        "X-RateLimit-Reset", Long.toString(clock.instant().getEpochSecond() + 12))))
                .contains(Duration.ofSeconds(12));
        assertThat(b.serverRequested(answer("X-RateLimit-Reset", "2025-04-16T07:00Z")))
                .contains(Duration.ZERO);
        assertThat(b.serverRequested(answer("Retry-After", "Wed, 16 Apr 2025 08:00:40 GMT")))
                .contains(Duration.ofSeconds(10));
        assertThat(b.serverRequested(answer("Retry-After", "soon"))).isEqualTo(Optional.empty());
        assertThat(b.serverRequested(answer())).isEmpty();
    }
}
