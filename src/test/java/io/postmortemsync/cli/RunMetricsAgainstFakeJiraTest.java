package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.postmortemsync.config.Config;
import io.postmortemsync.daemon.Application;
import io.postmortemsync.daemon.ManualScheduler;
import io.postmortemsync.daemon.ProductionConnectors;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.Fault;
import io.postmortemsync.fakejira.IssueView;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.metrics.PrometheusText;
import io.postmortemsync.metrics.Promtool;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerRequestObserver;
import io.postmortemsync.tracker.jira.JiraTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The running daemon against the fake Jira (Cloud and Data Center), as Prometheus sees it: the
 * real HTTP server on port 0 and the real Jira adapter; only the adapter's back-off waits move
 * the test clock instead of sleeping, and the passes run on virtual time.
 */
class RunMetricsAgainstFakeJiraTest {

    private static final Instant START = Instant.parse("2025-05-01T09:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private static final String POOL = "Increase default connection pool size";
    private static final String MONITOR = "Add monitoring for connection pool utilization";
    private static final String RUNBOOK = "Add a runbook step for raising pool sizes";
    private static final String LOAD_TEST = "Load-test payment checks at peak traffic";
    private static final String INDEX_ALERT = "Alert when the nightly index rebuild runs late";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(START);
    private final ManualScheduler scheduler = new ManualScheduler();
    private FakeJira jira;
    private InProcessRun run;

    @AfterEach
    void stop() throws Exception {
        try {
            if (run != null) {
                run.close();
            }
        } finally {
            if (jira != null) {
                jira.close();
                jira.assertNoViolations();
            }
        }
    }

    private static String postmortem(String incident, String severity, String services, String... rows) {
        StringBuilder b = new StringBuilder();
        b.append("# Incident Postmortem: ").append(incident).append("\n\n");
        b.append("## Incident Summary\n");
        b.append("- **Incident ID**: ").append(incident).append('\n');
        b.append("- **Date**: 2025-04-10\n");
        b.append("- **Severity**: ").append(severity).append('\n');
        b.append("- **Service(s) Affected**: ").append(services).append("\n\n");
        b.append("## Action Items\n");
        b.append("| Action | Type | Owner | Due Date | Status |\n");
        b.append("|--------|------|-------|----------|--------|\n");
        for (String row : rows) {
            b.append(row).append('\n');
        }
        return b.toString();
    }

    /** Two postmortems: a P1 with items overdue, due never and Completed; a P3 with one due later. */
    private Path configFor(FakeJira.Mode mode) throws IOException {
        jira = FakeJira.builder(mode).clock(clock).start();
        Files.createDirectories(dir.resolve("postmortems"));
        Files.writeString(
                dir.resolve("postmortems/2025-04-10-payments.md"),
                postmortem(
                        "INC-42",
                        "P1",
                        "payment-service, checkout",
                        "| " + POOL + " | Prevent | @alice | 2025-04-15 | In Progress |",
                        "| " + MONITOR + " | Detect | @bob | 2025-04-20 | Not Started |",
                        "| " + RUNBOOK + " | Respond | @alice |  | Not Started |",
                        "| " + LOAD_TEST + " | Prevent | @carol | 2025-05-30 | Completed |"));
        Files.writeString(
                dir.resolve("postmortems/2025-04-20-search.md"),
                postmortem(
                        "INC-43",
                        "P3",
                        "search",
                        "| " + INDEX_ALERT + " | Detect | @dmitri | 2025-06-15 | Not Started |"));
        Files.writeString(dir.resolve("token"), jira.secretValue());
        String auth = mode == FakeJira.Mode.CLOUD
                ? "{email: " + jira.auth().email() + ", apiTokenFile: token}"
                : "{tokenFile: token}";
        return Files.writeString(dir.resolve("config.yaml"), """
                source: {path: postmortems}
                tracker:
                  url: %s
                  auth: %s
                  project: OPS
                  remoteLinks: false
                sync: {interval: 5m, timezone: UTC}
                server: {port: 0}
                """.formatted(jira.url(), auth));
    }

    /** The production connectors, but the Jira adapter waits by moving the test clock (and without jitter). */
    private Application.Connectors connectors() {
        return new Application.Connectors() {
            @Override
            public DocumentSource openSource(Config config) throws SourceException {
                return ProductionConnectors.INSTANCE.openSource(config);
            }

            @Override
            public Tracker openTracker(Config config, TrackerRequestObserver requests, Clock unused) {
                return JiraTracker.create(
                        config.tracker(),
                        requests,
                        clock,
                        JiraTracker.Tuning.defaults()
                                .withSleeper(clock::advance)
                                .withJitter(() -> 0)
                                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
            }
        };
    }

    private void start(FakeJira.Mode mode) throws Exception {
        run = InProcessRun.start(configFor(mode), connectors(), clock, () -> scheduler);
        assertThat(scheduler.awaitPeriodic(Duration.ofSeconds(30))).isTrue();
    }

    private void nextInterval() {
        clock.advance(INTERVAL);
        scheduler.advance(INTERVAL);
    }

    private static Map<String, String> overdue(String type, String severity, String status, String service) {
        return Map.of("type", type, "severity", severity, "status", status, "service", service);
    }

    private static Map<String, String> items(String type, String status) {
        return Map.of("type", type, "status", status);
    }

    /** Every request the daemon counted, summed over its labels. */
    private static double trackerRequests(PrometheusText scrape) {
        return scrape.samples("postmortem_tracker_requests_total").stream()
                .mapToDouble(PrometheusText.Sample::value)
                .sum();
    }

    /**
     * Successful reads by the daemon's count. It names a request by what it is for ({@code search}
     * for changed tickets, {@code read} for tickets by key), the fake by its endpoint, and a read
     * by key is a search on Data Center: only the sums compare.
     */
    private static double successfulReads(PrometheusText scrape) {
        return scrape.value("postmortem_tracker_requests_total", "operation", "search", "outcome", "success")
                        .orElse(0.0)
                + scrape.value("postmortem_tracker_requests_total", "operation", "read", "outcome", "success")
                        .orElse(0.0);
    }

    /** Requests for tickets the fake answered, 429s included. */
    private double jiraReads() {
        return jira.count(Operation.SEARCH) + jira.count(Operation.BULK_FETCH) + jira.count(Operation.GET_ISSUE);
    }

    private double lastSuccess(PrometheusText scrape) {
        return scrape.value("postmortem_sync_last_success_timestamp_seconds").orElseThrow();
    }

    private String ticketOf(String incident, String action) {
        List<IssueView> tickets =
                jira.issuesWithLabel(SyncKey.of(incident, action).label());
        assertThat(tickets).as("tickets for " + action).hasSize(1);
        return tickets.getFirst().key();
    }

    @ParameterizedTest
    @EnumSource(FakeJira.Mode.class)
    void ticketsStatusChangesRateLimitsAndAnOutageAsPrometheusSeesThem(FakeJira.Mode mode) throws Exception {
        start(mode);

        // Pass 1 creates a ticket per item that is not Completed.
        scheduler.advance(Duration.ZERO);
        PrometheusText first = run.scrape();
        assertThat(first.series("postmortem_tickets_created_total"))
                .isEqualTo(Map.of(
                        Map.of("type", "prevent"), 1.0,
                        Map.of("type", "detect"), 2.0,
                        Map.of("type", "respond"), 1.0));
        assertThat(jira.issuesWithLabel("postmortem-sync")).hasSize(4);
        // Every request Jira saw, counted once; creates as the bulk requests they were. The owners
        // of the new tickets (@alice, @bob, @dmitri) are no Jira users: Data Center looks each one
        // up by user name and answers 404; Cloud has no user names, so no lookup is made.
        assertThat(trackerRequests(first)).isEqualTo(jira.totalRequests());
        assertThat(first.samples("postmortem_tracker_requests_total"))
                .filteredOn(s -> !s.labels().get("outcome").equals("success"))
                .extracting(PrometheusText.Sample::labels, PrometheusText.Sample::value)
                .containsExactlyElementsOf(
                        mode == FakeJira.Mode.DATACENTER
                                ? List.of(tuple(Map.of("operation", "user", "outcome", "not_found"), 3.0))
                                : List.of());
        assertThat(jira.count(Operation.CREATE)).isPositive();
        assertThat(first.value("postmortem_tracker_requests_total", "operation", "create", "outcome", "success"))
                .hasValue((double) jira.count(Operation.CREATE));
        assertThat(successfulReads(first)).isEqualTo(jiraReads());
        // Jira is authoritative once a ticket exists: the new tickets are To Do, so the pool item
        // the document called In Progress is counted Not Started from now on.
        assertThat(first.series("postmortem_action_items"))
                .isEqualTo(Map.of(
                        items("prevent", "not_started"), 1.0,
                        items("prevent", "completed"), 1.0,
                        items("detect", "not_started"), 2.0,
                        items("respond", "not_started"), 1.0));
        assertThat(first.series("postmortem_action_items_overdue"))
                .isEqualTo(Map.of(
                        overdue("prevent", "P1", "not_started", "payment-service"), 1.0, // due 2025-04-15
                        overdue("detect", "P1", "not_started", "payment-service"), 1.0, // due 2025-04-20
                        overdue("detect", "P3", "not_started", "search"), 0.0)); // due 2025-06-15
        assertThat(first.series("postmortem_sync_runs_total")).isEqualTo(Map.of(Map.of("outcome", "success"), 1.0));
        assertThat(lastSuccess(first)).isEqualTo((double) clock.instant().getEpochSecond());
        assertThat(run.get("/readyz").statusCode()).isEqualTo(200);

        // The overdue pool ticket is done in Jira: the next pass writes Completed into the
        // document, the item leaves the overdue count, and the emptied series stay at 0.
        jira.transition(ticketOf("INC-42", POOL), "Done", "Done");
        nextInterval();
        assertThat(Files.readString(dir.resolve("postmortems/2025-04-10-payments.md")))
                .containsPattern(
                        "\\| " + POOL + " \\| Prevent \\| @alice \\| 2025-04-15 \\| Completed +\\| \\[OPS-\\d+]");
        PrometheusText second = run.scrape();
        assertThat(second.series("postmortem_action_items"))
                .isEqualTo(Map.of(
                        items("prevent", "not_started"), 0.0,
                        items("prevent", "completed"), 2.0,
                        items("detect", "not_started"), 2.0,
                        items("respond", "not_started"), 1.0));
        assertThat(second.series("postmortem_action_items_overdue"))
                .isEqualTo(Map.of(
                        overdue("prevent", "P1", "not_started", "payment-service"), 0.0,
                        overdue("detect", "P1", "not_started", "payment-service"), 1.0,
                        overdue("detect", "P3", "not_started", "search"), 0.0));
        assertThat(second.series("postmortem_tickets_created_total"))
                .isEqualTo(first.series("postmortem_tickets_created_total"));
        assertThat(second.series("postmortem_sync_runs_total")).isEqualTo(Map.of(Map.of("outcome", "success"), 2.0));
        assertThat(trackerRequests(second)).isEqualTo(jira.totalRequests());

        // A storm of 429s: waited out as Jira asks, the pass still succeeds, and each 429 shows.
        double readsBefore = successfulReads(second);
        jira.inject(Operation.SEARCH, Fault.rateLimited(2), 3);
        nextInterval();
        PrometheusText limited = run.scrape();
        assertThat(limited.samples("postmortem_tracker_requests_total"))
                .filteredOn(s -> s.labels().get("outcome").equals("rate_limited"))
                .extracting(PrometheusText.Sample::value)
                .containsExactly(3.0);
        assertThat(successfulReads(limited)).isEqualTo(jiraReads() - 3).isGreaterThan(readsBefore);
        assertThat(trackerRequests(limited)).isEqualTo(jira.totalRequests());
        assertThat(limited.series("postmortem_sync_runs_total")).isEqualTo(Map.of(Map.of("outcome", "success"), 3.0));
        double lastSuccess = lastSuccess(limited);
        assertThat(lastSuccess).isEqualTo((double) clock.instant().getEpochSecond()); // the pass ended after the waits
        // With every kind of series present (tracker counters, a histogram), promtool still agrees.
        assertThat(Promtool.checkMetricsAt(run.uri("/metrics"))).satisfies(Promtool.Result::assertOk);

        // Jira goes down: passes fail, last success stays, and the daemon is ready for three
        // intervals after its last success, then not.
        int requestsBeforeOutage = jira.totalRequests();
        jira.close();
        nextInterval();
        PrometheusText down = run.scrape();
        assertThat(down.series("postmortem_sync_runs_total"))
                .isEqualTo(Map.of(
                        Map.of("outcome", "success"), 3.0,
                        Map.of("outcome", "failure"), 1.0));
        assertThat(lastSuccess(down)).isEqualTo(lastSuccess);
        // The pass's first request, the search for changed tickets, is tried as often as the
        // adapter tries an idempotent call, and every attempt is counted; nothing else is new.
        int attempts = JiraTracker.Tuning.defaults().maxAttempts();
        assertThat(down.value("postmortem_tracker_requests_total", "operation", "search", "outcome", "io_error"))
                .hasValue((double) attempts);
        assertThat(trackerRequests(down)).isEqualTo(trackerRequests(limited) + attempts);
        assertThat(jira.totalRequests()).isEqualTo(requestsBeforeOutage);
        // The documents are still read: the counts stay as they were.
        assertThat(down.series("postmortem_action_items")).isEqualTo(second.series("postmortem_action_items"));
        assertThat(down.series("postmortem_action_items_overdue"))
                .isEqualTo(second.series("postmortem_action_items_overdue"));
        assertThat(run.get("/readyz").statusCode()).isEqualTo(200);

        nextInterval();
        nextInterval();
        clock.advance(Duration.ofSeconds(1));
        assertThat(run.get("/readyz").statusCode()).isEqualTo(503);
        PrometheusText stale = run.scrape();
        assertThat(stale.series("postmortem_sync_runs_total"))
                .isEqualTo(Map.of(
                        Map.of("outcome", "success"), 3.0,
                        Map.of("outcome", "failure"), 3.0));
        assertThat(stale.value("postmortem_tracker_requests_total", "operation", "search", "outcome", "io_error"))
                .hasValue(3.0 * attempts);
        assertThat(lastSuccess(stale)).isEqualTo(lastSuccess);
        assertThat(run.get("/healthz").statusCode()).isEqualTo(200);

        assertThat(run.stop()).as(run.err()).isZero();
    }
}
