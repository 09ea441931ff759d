package io.postmortemsync.metrics;

import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import io.postmortemsync.tracker.TrackerRequestObserver.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The daemon's own vitals: how passes end and how long they take, what the tracker answers,
 * how many tickets were created. Counters get a series the first time a label value occurs
 * (none are invented up front).
 */
final class SyncVitals {

    /**
     * Seconds: a pass over a few documents offline takes well under a second, a first pass that
     * creates hundreds of tickets against a rate-limited Jira can take many minutes.
     */
    private static final double[] DURATION_BUCKETS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800};

    /** Operations are fixed short names; anything else is folded so a bug cannot explode cardinality. */
    private static final Pattern OPERATION = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    static final String OTHER_OPERATION = "other";

    // Every metric is built withoutExemplars(): exemplars need a tracer we do not have (the
    // tracer initializer is excluded in the pom), and a daemon's vitals have no traces to link.
    private final Gauge lastSuccess;
    private final Counter runs;
    private final Histogram duration;
    private final Counter ticketsCreated;
    private final Counter trackerRequests;

    SyncVitals(PrometheusRegistry registry, Duration syncInterval) {
        lastSuccess = Gauge.builder()
                .name("postmortem_sync_last_success_timestamp_seconds")
                .unit(Unit.SECONDS)
                .help("When the last successful (or partial) sync pass finished, in Unix seconds; 0 until one has.")
                .withoutExemplars()
                .register(registry);
        runs = Counter.builder()
                .name("postmortem_sync_runs_total")
                .help("Sync passes by outcome: success, partial (some items failed), failure.")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        duration = Histogram.builder()
                .name("postmortem_sync_duration_seconds")
                .unit(Unit.SECONDS)
                .help("How long sync passes take.")
                .classicOnly()
                .classicUpperBounds(DURATION_BUCKETS)
                .withoutExemplars()
                .register(registry);
        ticketsCreated = Counter.builder()
                .name("postmortem_tickets_created_total")
                .help("Tracker tickets created for action items, by item type.")
                .labelNames("type")
                .withoutExemplars()
                .register(registry);
        trackerRequests = Counter.builder()
                .name("postmortem_tracker_requests_total")
                .help("HTTP requests to the tracker by operation and outcome.")
                .labelNames("operation", "outcome")
                .withoutExemplars()
                .register(registry);
        // Not in DESIGN.md §8's table: the stale-sync alert needs the configured interval to
        // know what "three intervals" means for this deployment.
        Gauge interval = Gauge.builder()
                .name("postmortem_sync_interval_seconds")
                .unit(Unit.SECONDS)
                .help("The configured time between sync passes (sync.interval).")
                .withoutExemplars()
                .register(registry);
        interval.set(seconds(syncInterval));
    }

    void passFinished(PassOutcome outcome, Duration took, Instant finishedAt) {
        runs.labelValues(outcome.label()).inc();
        duration.observe(seconds(took));
        if (outcome != PassOutcome.FAILURE) {
            lastSuccess.set(finishedAt.toEpochMilli() / 1000.0);
        }
    }

    void ticketCreated(ItemType type) {
        ticketsCreated.labelValues(type.id()).inc();
    }

    void trackerRequest(String operation, Outcome outcome) {
        String label = operation != null && OPERATION.matcher(operation).matches() ? operation : OTHER_OPERATION;
        trackerRequests.labelValues(label, outcome.label()).inc();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
