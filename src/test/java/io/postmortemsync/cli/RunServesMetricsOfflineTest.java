package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.config.Config;
import io.postmortemsync.daemon.Application;
import io.postmortemsync.daemon.ManualScheduler;
import io.postmortemsync.daemon.ProductionConnectors;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.metrics.PrometheusText;
import io.postmortemsync.metrics.Promtool;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running daemon ({@code run}) in offline mode on a copy of {@code examples/}: what
 * Prometheus scrapes from it, and what its probes answer as passes succeed and fail. "Today" and
 * the passes are on virtual time (see {@link InProcessRun} for why in-process).
 */
class RunServesMetricsOfflineTest {

    /** The day the expected counts below are for; the examples' due dates run from 2025-04 to 2027-06. */
    private static final Instant APRIL_FIRST_2026_NOON = Instant.parse("2026-04-01T12:00:00Z");

    /** {@code sync.interval} of {@code examples/offline.yaml}. */
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(APRIL_FIRST_2026_NOON);
    private final ManualScheduler scheduler = new ManualScheduler();
    private InProcessRun run;

    @AfterEach
    void stop() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    /** {@code examples/offline.yaml} and {@code examples/postmortems/}, copied, with {@code server.port: 0}. */
    private Path examples() throws IOException {
        Files.createDirectories(dir.resolve("postmortems"));
        try (Stream<Path> documents = Files.list(Path.of("examples/postmortems"))) {
            for (Path document : documents.toList()) {
                Files.copy(document, dir.resolve("postmortems").resolve(document.getFileName()));
            }
        }
        String config = Files.readString(Path.of("examples/offline.yaml"));
        assertThat(config).contains("port: 9464", "interval: 30s", "type: none");
        return Files.writeString(dir.resolve("offline.yaml"), config.replace("port: 9464", "port: 0"));
    }

    private InProcessRun startOnVirtualTime(Application.Connectors connectors) throws Exception {
        run = InProcessRun.start(examples(), connectors, clock, () -> scheduler);
        assertThat(scheduler.awaitPeriodic(Duration.ofSeconds(30)))
                .as("the daemon scheduled its passes")
                .isTrue();
        return run;
    }

    /** One sync interval goes by: the clock moves, and the pass that falls due runs (on this thread). */
    private void nextInterval() {
        clock.advance(INTERVAL);
        scheduler.advance(INTERVAL);
    }

    private static Map<String, String> overdue(String type, String severity, String status, String service) {
        return Map.of("type", type, "severity", severity, "status", status, "service", service);
    }

    /**
     * The examples on 2026-04-01, worked out by hand from the documents (26 items, 12 overdue;
     * {@code items --today 2026-04-01 examples/postmortems} agrees). A series exists for every
     * label combination that has a not-Completed item with a due date; its value counts those due
     * before today. Completed items and items without a due date have none.
     */
    private static Map<Map<String, String>, Double> expectedOverdueOnApril1() {
        Map<Map<String, String>, Double> expected = new HashMap<>();
        // 2025-04-10 payment service errors: P1, payment-service
        expected.put(overdue("prevent", "P1", "in_progress", "payment-service"), 1.0); // due 2025-04-15
        expected.put(overdue("detect", "P1", "not_started", "payment-service"), 1.0); // due 2025-04-20
        expected.put(overdue("respond", "P1", "not_started", "payment-service"), 0.0); // due 2027-02-15
        // 2025-06-02 search latency: P2 and services from the front matter
        expected.put(overdue("detect", "P2", "in_progress", "search"), 1.0); // due 2025-07-01
        expected.put(overdue("respond", "P2", "not_started", "search"), 1.0); // due 2025-07-15
        expected.put(overdue("prevent", "P2", "not_started", "search"), 0.0); // due 2027-03-31
        // 2025-08-19 auth token expiry: SEV2 is P2, auth
        expected.put(overdue("prevent", "P2", "in_progress", "auth"), 1.0); // due 2025-10-31
        expected.put(overdue("detect", "P2", "not_started", "auth"), 1.0); // due 2025-09-30
        expected.put(overdue("prevent", "P2", "not_started", "auth"), 0.0); // due 2027-01-15
        // 2025-11-03 CDN cache poisoning: P3, cdn-edge; other column names and date formats
        expected.put(overdue("prevent", "P3", "in_progress", "cdn-edge"), 1.0); // due 2025-12-12
        expected.put(overdue("detect", "P3", "not_started", "cdn-edge"), 1.0); // due 2026-01-30
        expected.put(overdue("respond", "P3", "deferred", "cdn-edge"), 1.0); // due 2026-03-15, Deferred counts
        expected.put(overdue("prevent", "P3", "not_started", "cdn-edge"), 0.0); // due 2027-06-30
        // 2026-01-14 ledger failover: P1, ledger; a list instead of a table
        expected.put(overdue("prevent", "P1", "not_started", "ledger"), 1.0); // 2026-02-27 (and 2027-04-30)
        expected.put(overdue("detect", "P1", "not_started", "ledger"), 1.0); // due 2026-03-31, yesterday
        expected.put(overdue("respond", "P1", "in_progress", "ledger"), 1.0); // due 2026-01-30
        // 2026-03-09 notification queue backlog: P3, notifications
        expected.put(overdue("prevent", "P3", "not_started", "notifications"), 0.0); // 2026-04-30 and 2027-01-29
        expected.put(overdue("detect", "P3", "not_started", "notifications"), 0.0); // due 2026-04-15
        return expected;
    }

    @Test
    void aScrapeOfTheRunningDaemonPassesPromtoolAndCountsTheExamplesExactly() throws Exception {
        startOnVirtualTime(ProductionConnectors.INSTANCE);
        scheduler.advance(Duration.ZERO); // the first pass, at start

        assertThat(Promtool.checkMetricsAt(run.uri("/metrics"))).satisfies(Promtool.Result::assertOk);
        PrometheusText scrape = run.scrape();
        assertThat(scrape.series("postmortem_action_items_overdue")).isEqualTo(expectedOverdueOnApril1());
        assertThat(scrape.series("postmortem_action_items"))
                .isEqualTo(Map.of(
                        Map.of("type", "prevent", "status", "not_started"), 7.0,
                        Map.of("type", "prevent", "status", "in_progress"), 3.0,
                        Map.of("type", "prevent", "status", "completed"), 3.0,
                        Map.of("type", "detect", "status", "not_started"), 5.0,
                        Map.of("type", "detect", "status", "in_progress"), 1.0,
                        Map.of("type", "detect", "status", "completed"), 1.0,
                        Map.of("type", "respond", "status", "not_started"), 2.0,
                        Map.of("type", "respond", "status", "in_progress"), 1.0,
                        Map.of("type", "respond", "status", "completed"), 2.0,
                        Map.of("type", "respond", "status", "deferred"), 1.0));
        assertThat(scrape.series("postmortem_documents")).isEqualTo(Map.of(Map.of("state", "valid"), 6.0));
        assertThat(scrape.series("postmortem_sync_runs_total")).isEqualTo(Map.of(Map.of("outcome", "success"), 1.0));
        assertThat(scrape.value("postmortem_sync_last_success_timestamp_seconds"))
                .hasValue((double) APRIL_FIRST_2026_NOON.getEpochSecond());
        assertThat(scrape.value("postmortem_sync_interval_seconds")).hasValue(30.0);
        assertThat(scrape.value("postmortem_sync_duration_seconds_count")).hasValue(1.0);
        // Offline: no tracker, so no tracker series are invented.
        assertThat(scrape.samples("postmortem_tickets_created_total")).isEmpty();
        assertThat(scrape.samples("postmortem_tracker_requests_total")).isEmpty();
        assertThat(scrape.sampleNames()).contains("jvm_memory_used_bytes", "process_start_time_seconds");

        // Past midnight on 2026-04-15 the item due that day is overdue, with no pass in between.
        clock.set(Instant.parse("2026-04-16T00:00:01Z"));
        Map<Map<String, String>, Double> expected = new HashMap<>(expectedOverdueOnApril1());
        expected.put(overdue("detect", "P3", "not_started", "notifications"), 1.0);
        assertThat(run.scrape().series("postmortem_action_items_overdue")).isEqualTo(expected);

        assertThat(run.stop()).as(run.err()).isZero();
    }

    @Test
    void readinessFollowsThePassesOfTheRunningDaemon() throws Exception {
        startOnVirtualTime(ProductionConnectors.INSTANCE);

        // Listening before the first pass: alive, not ready, and no action-item counts yet.
        assertThat(run.get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> beforeFirstPass = run.get("/readyz");
        assertThat(beforeFirstPass.statusCode()).isEqualTo(503);
        assertThat(beforeFirstPass.body()).isEqualTo("not ready: no sync pass has succeeded yet\n");
        PrometheusText beforeAnyPass = run.scrape();
        assertThat(beforeAnyPass.samples("postmortem_action_items")).isEmpty();
        assertThat(beforeAnyPass.value("postmortem_sync_last_success_timestamp_seconds"))
                .hasValue(0.0);

        scheduler.advance(Duration.ZERO);
        assertThat(run.get("/readyz").statusCode()).isEqualTo(200);
        Map<Map<String, String>, Double> itemsAfterSuccess = run.scrape().series("postmortem_action_items");

        // The folder goes away: every pass now fails. Ready for three intervals after the success...
        Files.move(dir.resolve("postmortems"), dir.resolve("gone"));
        nextInterval();
        nextInterval();
        nextInterval();
        assertThat(run.get("/readyz").statusCode()).isEqualTo(200);
        PrometheusText failing = run.scrape();
        assertThat(failing.series("postmortem_sync_runs_total"))
                .isEqualTo(Map.of(
                        Map.of("outcome", "success"), 1.0,
                        Map.of("outcome", "failure"), 3.0));
        assertThat(failing.value("postmortem_sync_last_success_timestamp_seconds"))
                .hasValue((double) APRIL_FIRST_2026_NOON.getEpochSecond());
        // A pass that could not read the documents leaves the last counts in place.
        assertThat(failing.series("postmortem_action_items")).isEqualTo(itemsAfterSuccess);

        // ...and not a moment longer.
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> stale = run.get("/readyz");
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(stale.body())
                .startsWith("not ready: the last successful sync pass finished at 2026-04-01T12:00:00Z, 91s ago, "
                        + "more than 3 sync intervals (90s)");
        assertThat(run.get("/healthz").statusCode()).isEqualTo(200);

        // The folder is back: the next pass succeeds and the daemon is ready again.
        Files.move(dir.resolve("gone"), dir.resolve("postmortems"));
        nextInterval();
        assertThat(run.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(run.scrape().series("postmortem_sync_runs_total")).containsEntry(Map.of("outcome", "success"), 2.0);

        assertThat(run.stop()).as(run.err()).isZero();
    }

    /**
     * The Helm chart's startup probe asks /healthz while the first pass may still be cloning a
     * large repository: the server must answer before that pass ends. The production scheduler
     * here, and a source whose first refresh (the clone) waits until the test lets it go.
     */
    @Test
    void healthzAnswersWhileTheFirstPassIsStillReadingTheSource() throws Exception {
        CountDownLatch cloning = new CountDownLatch(1);
        CountDownLatch cloned = new CountDownLatch(1);
        Application.Connectors slowFirstRefresh = new Application.Connectors() {
            @Override
            public DocumentSource openSource(Config config) throws SourceException {
                return new FirstRefreshWaits(ProductionConnectors.INSTANCE.openSource(config), cloning, cloned);
            }

            @Override
            public Tracker openTracker(Config config, TrackerRequestObserver requests, Clock clock) {
                throw new AssertionError("offline: no tracker");
            }
        };
        run = InProcessRun.start(examples(), slowFirstRefresh, clock, RunCommand::passScheduler);
        try {
            assertThat(cloning.await(30, TimeUnit.SECONDS))
                    .as("the first pass started")
                    .isTrue();

            assertThat(run.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(run.get("/readyz").statusCode()).isEqualTo(503);
            assertThat(run.get("/metrics").statusCode()).isEqualTo(200);
        } finally {
            cloned.countDown();
        }
        assertThat(run.stop()).as(run.err()).isZero();
    }

    /** A source whose first refresh, where a git source clones, blocks until released. */
    private record FirstRefreshWaits(DocumentSource delegate, CountDownLatch cloning, CountDownLatch cloned)
            implements DocumentSource {
        @Override
        public List<DocumentRef> refresh() throws SourceException {
            cloning.countDown();
            try {
                if (!cloned.await(30, TimeUnit.SECONDS)) {
                    throw new SourceException("the test never let the clone finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("interrupted");
            }
            return delegate.refresh();
        }

        @Override
        public byte[] read(String path) throws IOException {
            return delegate.read(path);
        }

        @Override
        public UpdateResult update(String path, DocumentEdit edit, List<String> description) throws IOException {
            return delegate.update(path, edit, description);
        }

        @Override
        public PublishResult publish() throws SourceException {
            return delegate.publish();
        }

        @Override
        public Optional<String> linkFor(String path) {
            return delegate.linkFor(path);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() throws SourceException {
            delegate.close();
        }
    }
}
