package io.postmortemsync.fakejira;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A misbehaviour the fake shows once (or a given number of times) for one {@link Operation}.
 * Whether the request was processed before the failure decides what a well-behaved client must do:
 * a 429 was not processed; a "created, then 500" was.
 */
public sealed interface Fault {

    /** 429 Too Many Requests with {@code Retry-After} (seconds) and {@code X-RateLimit-Reset}; not processed. */
    record RateLimited(int retryAfterSeconds, boolean withRetryAfter) implements Fault {}

    /** An error status (500, 502, 503, 504...) before processing: nothing happened. */
    record Status(int code) implements Fault {}

    /** The request is processed (an issue really is created), then answered with an error status. */
    record StatusAfterProcessing(int code) implements Fault {}

    /** The request is processed and answered after {@code delay} (past the client's read time-out). */
    record Slow(Duration delay) implements Fault {
        public Slow {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** The connection is dropped without an answer, after processing or not. */
    record Disconnect(boolean processed) implements Fault {}

    /**
     * For a bulk create: the elements at these 0-based positions are rejected with this field error
     * (as Jira does when, e.g., a field is not on the screen); the others are created.
     */
    record RejectElements(Set<Integer> positions, String field, String message) implements Fault {
        public RejectElements {
            positions = Set.copyOf(positions);
        }
    }

    static Fault rateLimited(int retryAfterSeconds) {
        return new RateLimited(retryAfterSeconds, true);
    }

    /** A 429 without Retry-After: the client must fall back to X-RateLimit-Reset or its own back-off. */
    static Fault rateLimitedWithoutRetryAfter() {
        return new RateLimited(0, false);
    }

    static Fault status(int code) {
        return new Status(code);
    }

    static Fault statusAfterProcessing(int code) {
        return new StatusAfterProcessing(code);
    }

    static Fault slow(Duration delay) {
        return new Slow(delay);
    }

    static Fault disconnect() {
        return new Disconnect(false);
    }

    static Fault disconnectAfterProcessing() {
        return new Disconnect(true);
    }

    static Fault rejectElements(Set<Integer> positions, String field, String message) {
        return new RejectElements(positions, field, message);
    }
}
