package io.postmortemsync.daemon;

/**
 * A part of the daemon that runs beside the sync passes, such as the HTTP server for metrics and
 * health: started before the first pass, stopped after the last one (so {@code /metrics} and
 * {@code /healthz} answer for the daemon's whole life).
 */
public interface Lifecycle {

    /** A short name for logs, e.g. {@code http server :9464}. */
    String name();

    /** Starts the component; a failure stops the daemon from starting. */
    void start() throws Exception;

    /** Stops the component; must not throw, and may be called when {@link #start} failed. */
    void stop();
}
