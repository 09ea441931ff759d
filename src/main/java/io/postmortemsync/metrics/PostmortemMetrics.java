package io.postmortemsync.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.postmortemsync.config.SyncConfig;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.sync.SyncObserver;
import io.postmortemsync.tracker.TrackerRequestObserver;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Prometheus metrics (DESIGN.md §8) and its readiness. The sync engine feeds it as
 * a {@link SyncObserver}, the tracker adapter as a {@link TrackerRequestObserver}; the HTTP
 * server asks it for {@link #scrape scrapes} and {@link #readiness}.
 *
 * <p>A scrape never triggers work: the action-item gauges come from the state the last pass
 * published (swapped in whole) and today's date, the vitals from counters. JVM and process
 * metrics are bound through Micrometer; {@link #meterRegistry()} lets other parts add their own.
 */
public final class PostmortemMetrics implements SyncObserver, TrackerRequestObserver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostmortemMetrics.class);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusMeterRegistry meterRegistry;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final ActionItemCollector actionItems;
    private final SyncVitals vitals;
    private final SyncHealth health;
    private final Object publishLock = new Object();

    /**
     * @param clock decides "today" for overdue counts and "now" for readiness
     * @param zone the zone whose date decides what is overdue ({@code sync.timezone})
     * @param syncInterval time between passes ({@code sync.interval}); readiness and the stale
     *     alert allow three of them
     */
    public PostmortemMetrics(Clock clock, ZoneId zone, Duration syncInterval) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(syncInterval, "syncInterval");
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("the sync interval must be positive, got " + syncInterval);
        }
        // Not registered with the Prometheus registry: its families are rendered (and cached)
        // apart from it and put in front of the registry's in every scrape.
        actionItems = new ActionItemCollector(clock, zone);
        vitals = new SyncVitals(registry, syncInterval);
        health = new SyncHealth(clock, syncInterval);
        meterRegistry = new PrometheusMeterRegistry(
                PrometheusConfig.DEFAULT, registry, io.micrometer.core.instrument.Clock.SYSTEM);
        // Two Micrometer meters break Prometheus naming rules and fail `promtool check metrics`:
        // process.cpu.time is in nanoseconds (process_cpu_time_ns_total; process_cpu_usage says
        // the same) and system.cpu.count is a gauge named like a histogram's _count. Filters must
        // be in place before the binders register.
        meterRegistry
                .config()
                .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
                .meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"))
                .meterFilter(MeterFilter.deny(this::takesAnActionItemName));
        new ClassLoaderMetrics().bindTo(meterRegistry);
        new JvmMemoryMetrics().bindTo(meterRegistry);
        gcMetrics.bindTo(meterRegistry);
        new JvmThreadMetrics().bindTo(meterRegistry);
        new JvmInfoMetrics().bindTo(meterRegistry);
        new ProcessorMetrics().bindTo(meterRegistry);
        new UptimeMetrics().bindTo(meterRegistry);
        new FileDescriptorMetrics().bindTo(meterRegistry);
    }

    /**
     * The action-item families are rendered apart from the registry, which therefore cannot see
     * a clash: a Micrometer meter with one of their names would export a second family of the
     * same name, which Prometheus rejects (the whole scrape fails).
     */
    private boolean takesAnActionItemName(Meter.Id id) {
        String name = meterRegistry.config().namingConvention().name(id.getName(), id.getType(), id.getBaseUnit());
        if (ActionItemCollector.NAMES.contains(name)) {
            log.warn("Not exporting the meter {}: {} is a postmortem-sync metric", id.getName(), name);
            return true;
        }
        return false;
    }

    /** Metrics for a configured daemon: {@code sync.timezone} and {@code sync.interval}. */
    public static PostmortemMetrics forConfig(Clock clock, SyncConfig sync) {
        return new PostmortemMetrics(clock, sync.timezone(), sync.interval());
    }

    @Override
    public void documentsRead(List<ParsedDocument> documents) {
        try {
            // One writer at a time builds on the previous state; readers never wait.
            synchronized (publishLock) {
                actionItems.publish(ActionItemState.next(actionItems.current(), documents));
            }
        } catch (RuntimeException e) {
            log.warn("Could not update the action-item metrics; they keep the previous pass's values", e);
        }
    }

    @Override
    public void ticketCreated(ItemType type) {
        try {
            vitals.ticketCreated(type);
        } catch (RuntimeException e) {
            log.warn("Could not count a created ticket", e);
        }
    }

    @Override
    public void passFinished(PassOutcome outcome, Duration duration, Instant finishedAt) {
        try {
            vitals.passFinished(outcome, duration, finishedAt);
            health.passFinished(outcome, finishedAt);
        } catch (RuntimeException e) {
            log.warn("Could not record the end of a sync pass", e);
        }
    }

    @Override
    public void onRequest(String operation, Outcome outcome) {
        try {
            vitals.trackerRequest(operation, outcome);
        } catch (RuntimeException e) {
            log.warn("Could not count a tracker request", e);
        }
    }

    /**
     * Renders every metric in the format the {@code Accept} header asks for: OpenMetrics when it
     * names {@code application/openmetrics-text}, else Prometheus text 0.0.4.
     *
     * @param acceptHeader the request's Accept header, or null
     */
    public Exposition scrape(String acceptHeader) {
        ExpositionFormat format = ExpositionFormat.forAccept(acceptHeader);
        // The action-item families come first and are reused between passes; the vitals, JVM
        // and process metrics are rendered fresh. OpenMetrics' # EOF ends the second part.
        byte[] actionItemFamilies = actionItems.render(format);
        byte[] everythingElse = format.writeAll(registry.scrape());
        return new Exposition(format.contentType(), List.of(actionItemFamilies, everythingElse));
    }

    /** Ready once a pass has succeeded within the last three sync intervals (by the clock). */
    public Readiness readiness() {
        return health.readiness();
    }

    /**
     * The Micrometer registry behind {@code /metrics}, for instrumentation of other parts. Its
     * meters appear in {@link #scrape}; a meter that would take the name of an action-item
     * metric is refused. Serve {@link #scrape}, not this registry's own {@code scrape()}, which
     * lacks the action-item metrics.
     */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    @Override
    public void close() {
        gcMetrics.close();
        meterRegistry.close();
    }
}
