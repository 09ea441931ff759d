package io.postmortemsync.tracker;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

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

    /**
     * The result of a tracker call that runs on another thread, with its failure rethrown as it
     * was thrown there: a {@code TrackerException} keeps its kind, so callers classify it once.
     *
     * @param waitingFor what the caller waits for, for the message when it is interrupted
     */
    public static <V> V await(Future<V> running, String waitingFor) throws TrackerException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            throw new TrackerException(Kind.TRANSIENT, "interrupted while waiting for " + waitingFor, e);
        } catch (ExecutionException e) {
            throw rethrown(e);
        }
    }

    /** The cause of a call's failure on another thread, unchecked causes rethrown as they are. */
    public static TrackerException rethrown(ExecutionException e) {
        switch (e.getCause()) {
            case TrackerException te -> {
                return te;
            }
            case RuntimeException re -> throw re;
            case Error err -> throw err;
            default -> throw new IllegalStateException(e.getCause());
        }
    }
}
