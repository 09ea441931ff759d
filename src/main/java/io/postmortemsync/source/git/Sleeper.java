package io.postmortemsync.source.git;

import java.time.Duration;

/** Waits between push attempts; injected so that tests never sleep. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;

    /**
     * The wait before retry number {@code attempt} (0-based): 250 ms doubling up to 8 s. Only
     * people compete for the branch (one daemon replica), so no jitter is needed to spread
     * competing daemons; doubling gives a person's burst of pushes room to finish.
     */
    static Duration backoff(int attempt) {
        long millis = 250L << Math.min(attempt, 5);
        return Duration.ofMillis(Math.min(millis, 8_000L));
    }
}
