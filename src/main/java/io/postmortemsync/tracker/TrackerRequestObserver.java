package io.postmortemsync.tracker;

/**
 * Told about every HTTP request a tracker adapter makes, so metrics can count them
 * ({@code postmortem_tracker_requests_total{operation,outcome}}) without the adapter knowing
 * about metrics.
 */
@FunctionalInterface
public interface TrackerRequestObserver {

    TrackerRequestObserver NONE = (operation, outcome) -> {};

    /**
     * @param operation a short fixed name: {@code create}, {@code search}, {@code read},
     *     {@code link}, {@code remote_link}, {@code user}, {@code server_info}, {@code metadata}
     * @param outcome how it went
     */
    void onRequest(String operation, Outcome outcome);

    /** Label values of the {@code outcome} label. */
    enum Outcome {
        SUCCESS,
        RATE_LIMITED,
        SERVER_ERROR,
        IO_ERROR,
        NOT_FOUND,
        PERMISSION,
        CLIENT_ERROR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
