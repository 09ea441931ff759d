package io.postmortemsync.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The action-item gauges ({@code postmortem_action_items_overdue}, {@code postmortem_action_items},
 * {@code postmortem_documents}) as a scrape sends them.
 *
 * <p>A scrape reads the state the last pass published once (so all three metrics come from the
 * same pass) and today's date from the injected clock in the configured zone (so overdue counts
 * move at midnight even between passes). The rendered text only changes when one of those two
 * changes, so it is kept per format and reused: the first scrape after a pass or after midnight
 * renders O(series), every other scrape just sends the same bytes.
 */
final class ActionItemCollector {

    static final String OVERDUE = "postmortem_action_items_overdue";
    static final String ITEMS = "postmortem_action_items";
    static final String DOCUMENTS = "postmortem_documents";

    /** The names of the families rendered here, which nothing else may export. */
    static final Set<String> NAMES = Set.of(OVERDUE, ITEMS, DOCUMENTS);

    private final AtomicReference<ActionItemState> state = new AtomicReference<>(ActionItemState.EMPTY);
    private final Map<ExpositionFormat, AtomicReference<Rendered>> rendered = new EnumMap<>(ExpositionFormat.class);
    private final Clock clock;
    private final ZoneId zone;

    ActionItemCollector(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        for (ExpositionFormat format : ExpositionFormat.values()) {
            rendered.put(format, new AtomicReference<>());
        }
    }

    /** Makes {@code next} what every following scrape sees. */
    void publish(ActionItemState next) {
        state.set(Objects.requireNonNull(next, "next"));
    }

    ActionItemState current() {
        return state.get();
    }

    /** The three families in {@code format}, as of now; never with OpenMetrics' closing {@code # EOF}. */
    byte[] render(ExpositionFormat format) {
        ActionItemState current = state.get();
        long today = LocalDate.ofInstant(clock.instant(), zone).toEpochDay();
        AtomicReference<Rendered> cache = rendered.get(format);
        Rendered cached = cache.get();
        if (cached != null && cached.state() == current && cached.day() == today) {
            return cached.bytes();
        }
        // Two scrapes racing here both render the same bytes; either may stay cached.
        byte[] bytes = format.writeFamilies(snapshots(current, today));
        cache.set(new Rendered(current, today, bytes));
        return bytes;
    }

    /** The gauges of {@code current} on {@code today} (epoch day); families without series are left out. */
    static MetricSnapshots snapshots(ActionItemState current, long today) {
        List<MetricSnapshot> snapshots = new ArrayList<>(3);
        if (!current.overdue().isEmpty()) {
            GaugeSnapshot.Builder overdue = GaugeSnapshot.builder()
                    .name(OVERDUE)
                    .help(
                            "Action items past their due date and not Completed (Deferred included, see the status label), "
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
                items.dataPoint(point(series.labels(), (double) series.count()));
            }
            snapshots.add(items.build());
        }
        if (!current.documents().isEmpty()) {
            GaugeSnapshot.Builder documents = GaugeSnapshot.builder()
                    .name(DOCUMENTS)
                    .help("Postmortem documents read in the last pass; invalid means at least one error diagnostic.");
            for (ActionItemState.CountSeries<?> series : current.documents()) {
                documents.dataPoint(point(series.labels(), (double) series.count()));
            }
            snapshots.add(documents.build());
        }
        return new MetricSnapshots(snapshots);
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    /** Text rendered for one state on one day. Compared by identity of the state, never by value. */
    @SuppressWarnings("ArrayRecordComponent") // a render cache entry, never compared
    private record Rendered(ActionItemState state, long day, byte[] bytes) {}
}
