package io.postmortemsync.metrics;

import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Readiness (DESIGN.md §8): ready once a pass has succeeded within the last three sync
 * intervals. A partial pass counts as a success here: it read every document and synced all
 * but some items, and one permanently rejected item must not take the daemon out of service
 * (those failures show in the tracker-error alert instead).
 */
final class SyncHealth {

    static final int STALE_AFTER_INTERVALS = 3;

    private final Clock clock;
    private final Duration staleAfter;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();

    SyncHealth(Clock clock, Duration syncInterval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.staleAfter = syncInterval.multipliedBy(STALE_AFTER_INTERVALS);
    }

    void passFinished(PassOutcome outcome, Instant finishedAt) {
        if (outcome != PassOutcome.FAILURE) {
            // Passes finish in order, but never let a late report move the time backwards.
            lastSuccess.accumulateAndGet(finishedAt, (old, now) -> old == null || now.isAfter(old) ? now : old);
        }
    }

    Readiness readiness() {
        Instant last = lastSuccess.get();
        if (last == null) {
            return new Readiness.NotReady("no sync pass has succeeded yet");
        }
        Duration age = Duration.between(last, clock.instant());
        if (age.compareTo(staleAfter) > 0) {
            return new Readiness.NotReady("the last successful sync pass finished at " + last + ", "
                    + age.toSeconds() + "s ago, more than " + STALE_AFTER_INTERVALS + " sync intervals ("
                    + staleAfter.toSeconds() + "s)");
        }
        return new Readiness.Ready(last);
    }
}
