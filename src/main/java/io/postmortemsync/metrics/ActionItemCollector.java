package io.postmortemsync.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Renders the action-item gauges at scrape time from the state the last pass published. It
 * reads that state once per scrape (so all three metrics come from the same pass) and does no
 * work beyond one pass over the series; "today" comes from the injected clock in the
 * configured zone, so overdue counts move at midnight even between passes.
 */
final class ActionItemCollector implements MultiCollector {

    static final String OVERDUE = "postmortem_action_items_overdue";
    static final String ITEMS = "postmortem_action_items";
    static final String DOCUMENTS = "postmortem_documents";

    private final AtomicReference<ActionItemState> state = new AtomicReference<>(ActionItemState.EMPTY);
    private final Clock clock;
    private final ZoneId zone;

    ActionItemCollector(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Makes {@code next} what every following scrape sees. */
    void publish(ActionItemState next) {
        state.set(next);
    }

    ActionItemState current() {
        return state.get();
    }

    @Override
    public MetricSnapshots collect() {
        ActionItemState current = state.get();
        long today = LocalDate.ofInstant(clock.instant(), zone).toEpochDay();
        List<MetricSnapshot> snapshots = new ArrayList<>(3);

        if (!current.overdue().isEmpty()) {
            GaugeSnapshot.Builder overdue = GaugeSnapshot.builder()
                    .name(OVERDUE)
                    .help("Action items past their due date and not Completed (Deferred included, see the status label), "
                            + "by item type, incident severity, item status and the incident's first service.");
            for (ActionItemState.OverdueSeries series : current.overdue()) {
                overdue.dataPoint(point(series.labels(), series.overdueOn(today)));
            }
            snapshots.add(overdue.build());
        }
        if (!current.items().isEmpty()) {
            GaugeSnapshot.Builder items = GaugeSnapshot.builder()
                    .name(ITEMS)
                    .help("Action items read from the postmortems in the last pass, by type and status.");
            for (ActionItemState.CountSeries<?> series : current.items()) {
                items.dataPoint(point(series.labels(), series.count()));
            }
            snapshots.add(items.build());
        }
        if (!current.documents().isEmpty()) {
            GaugeSnapshot.Builder documents = GaugeSnapshot.builder()
                    .name(DOCUMENTS)
                    .help("Postmortem documents read in the last pass; invalid means at least one error diagnostic.");
            for (ActionItemState.CountSeries<?> series : current.documents()) {
                documents.dataPoint(point(series.labels(), series.count()));
            }
            snapshots.add(documents.build());
        }
        return new MetricSnapshots(snapshots);
    }

    private static GaugeDataPointSnapshot point(io.prometheus.metrics.model.snapshots.Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(OVERDUE, ITEMS, DOCUMENTS);
    }
}
