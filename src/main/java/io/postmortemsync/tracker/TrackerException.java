package io.postmortemsync.tracker;

import java.util.Objects;

/**
 * A tracker operation failed. The kind is decided once, where the answer arrives, so callers
 * decide what to do from it instead of reading status codes.
 */
public class TrackerException extends Exception {

    public enum Kind {
        /** I/O error, time-out or 5xx: the same call may work later. */
        TRANSIENT,
        /** 429 that outlasted the bounded back-off. */
        RATE_LIMITED,
        /** The issue, project or user does not exist (404). */
        NOT_FOUND,
        /** 401/403: a credential or permission is missing; the message says which. */
        PERMISSION,
        /** 400 and other client errors: the request itself was refused; Jira's reasons are in the message. */
        CLIENT_ERROR
    }

    private final Kind kind;

    public TrackerException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public TrackerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** Whether trying again later may succeed without anyone changing anything. */
    public boolean isRetryable() {
        return kind == Kind.TRANSIENT || kind == Kind.RATE_LIMITED;
    }
}
