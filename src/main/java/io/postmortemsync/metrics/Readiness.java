package io.postmortemsync.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether the daemon is doing its job: ready once a sync pass has succeeded within the last
 * three sync intervals (DESIGN.md §8), which is what {@code GET /readyz} answers.
 */
public sealed interface Readiness {

    /** @param lastSuccess when the latest successful (or partial) pass finished */
    record Ready(Instant lastSuccess) implements Readiness {
        public Ready {
            Objects.requireNonNull(lastSuccess, "lastSuccess");
        }
    }

    /** @param reason one sentence for people reading the probe's answer */
    record NotReady(String reason) implements Readiness {
        public NotReady {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
