package io.postmortemsync.tracker.jira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import okhttp3.Response;

/**
 * How long to wait before trying a call again: what Jira asks for ({@code Retry-After}, else
 * {@code X-RateLimit-Reset}) when it says, otherwise exponential back-off with full jitter
 * (a uniformly random wait between zero and the capped exponential), so that many clients
 * rejected together do not come back together.
 */
final class Backoff {

    // Atlassian documents X-RateLimit-Reset as ISO 8601 at minute precision ("2025-04-10T14:32Z");
    // accept seconds and offsets too, and epoch seconds, which other gateways send.
    private static final DateTimeFormatter MINUTES_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmX");

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier jitter;
    private final Clock clock;

    Backoff(Duration base, Duration max, DoubleSupplier jitter, Clock clock) {
        this.base = base;
        this.max = max;
        this.jitter = jitter;
        this.clock = clock;
    }

    /** Full-jitter exponential wait before retry number {@code retry} (1 for the first retry). */
    Duration exponential(int retry) {
        long cap = max.toMillis();
        long exp = base.toMillis() << Math.min(retry - 1, 20);
        long ceiling = Math.min(cap, exp <= 0 ? cap : exp);
        return Duration.ofMillis((long) (jitter.getAsDouble() * ceiling));
    }

    /**
     * The wait the server asked for, if it asked: {@code Retry-After} in seconds (or an HTTP date),
     * else {@code X-RateLimit-Reset} as a time. A small jitter is added so that clients told the
     * same instant do not all return at once.
     */
    Optional<Duration> serverRequested(Response response) {
        Optional<Duration> asked = retryAfter(response.header("Retry-After"));
        if (asked.isEmpty()) {
            asked = resetAt(response.header("X-RateLimit-Reset"));
        }
        return asked.map(d -> d.plusMillis((long) (jitter.getAsDouble() * base.toMillis())));
    }

    private Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = DateTimeFormatter.RFC_1123_DATE_TIME.parse(v, Instant::from);
                return Optional.of(untilNow(at));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private Optional<Duration> resetAt(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long number = Long.parseLong(v);
            // Epoch seconds from some gateways; a small number is more likely "seconds from now".
            return Optional.of(
                    number > 1_000_000_000L ? untilNow(Instant.ofEpochSecond(number)) : Duration.ofSeconds(number));
        } catch (NumberFormatException notNumber) {
            for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.ISO_OFFSET_DATE_TIME, MINUTES_UTC}) {
                try {
                    return Optional.of(untilNow(OffsetDateTime.parse(v, f).toInstant()));
                } catch (DateTimeParseException next) {
                    // try the next form
                }
            }
            return Optional.empty();
        }
    }

    private Duration untilNow(Instant at) {
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
