package io.postmortemsync.server;

import static io.postmortemsync.metrics.TestDocuments.document;
import static io.postmortemsync.metrics.TestDocuments.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.metrics.PostmortemMetrics;
import io.postmortemsync.metrics.PrometheusText;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Severity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The action-item metrics as a scraper sees them: through the real HTTP server on a free port,
 * parsed back from the real Prometheus text format.
 */
class MetricsEndpointTest {

    // "Today" is 2025-05-01 in UTC for most tests.
    private static final Instant MAY_FIRST_NOON = Instant.parse("2025-05-01T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2025, 5, 1);

    private final TestClock clock = new TestClock(MAY_FIRST_NOON);
    private final HttpClient http = HttpClient.newHttpClient();
    private PostmortemMetrics metrics;
    private MetricsServer server;

    private void start(ZoneId zone) throws IOException {
        metrics = new PostmortemMetrics(clock, zone, Duration.ofMinutes(5));
        server = MetricsServer.start(0, metrics);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (metrics != null) {
            metrics.close();
        }
        http.close();
    }

    /**
     * Four postmortems with items due in the past, today, in the future and never, in every
     * status; one document invalid, one without severity or services.
     */
    private static List<ParsedDocument> knownDocuments() {
        return List.of(
                document(
                        "payments.md",
                        Severity.P1,
                        List.of("payments", "checkout"),
                        List.of(
                                item("A pool size", ItemType.PREVENT, ItemStatus.NOT_STARTED, TODAY.minusDays(16)),
                                item("B load test", ItemType.PREVENT, ItemStatus.NOT_STARTED, TODAY.plusMonths(1)),
                                item("C pool alert", ItemType.DETECT, ItemStatus.IN_PROGRESS, TODAY.minusDays(1)),
                                item("D dashboard", ItemType.DETECT, ItemStatus.COMPLETED, TODAY.minusDays(30)),
                                item("E runbook", ItemType.RESPOND, ItemStatus.DEFERRED, TODAY.minusDays(11)),
                                item("F paging", ItemType.RESPOND, ItemStatus.NOT_STARTED, null),
                                item("G retries", ItemType.PREVENT, ItemStatus.IN_PROGRESS, TODAY))),
                document(
                        "login.md",
                        null,
                        List.of(),
                        List.of(item("H login probe", ItemType.DETECT, ItemStatus.NOT_STARTED, TODAY.minusMonths(2)))),
                document(
                        "db.md",
                        Severity.P3,
                        List.of(" database ", "api"),
                        List.of(
                                item("I vacuum", ItemType.PREVENT, ItemStatus.NOT_STARTED, TODAY.minusDays(30)),
                                item("J replica", ItemType.PREVENT, ItemStatus.NOT_STARTED, TODAY.minusDays(29))),
                        Diagnostic.warning("db.md", 0, "no incident ticket")),
                document(
                        "api.md",
                        Severity.P2,
                        List.of("api"),
                        List.of(item("K timeouts", ItemType.RESPOND, ItemStatus.IN_PROGRESS, TODAY.minusDays(21))),
                        Diagnostic.error(
                                "api.md",
                                31,
                                "Status must be one of: Not Started, In Progress, Completed, Deferred (got \"Blocked\")")));
    }

    @Test
    void overdueCountsPerTypeSeverityStatusAndService() throws Exception {
        start(ZoneOffset.UTC);
        metrics.documentsRead(knownDocuments());

        PrometheusText scrape = scrape();

        assertThat(scrape.type("postmortem_action_items_overdue")).hasValue("gauge");
        assertThat(scrape.series("postmortem_action_items_overdue"))
                .isEqualTo(Map.of(
                        overdue("prevent", "P1", "not_started", "payments"), 1.0, // A (B is due next month)
                        overdue("prevent", "P1", "in_progress", "payments"), 0.0, // G is due today: not yet
                        overdue("detect", "P1", "in_progress", "payments"), 1.0, // C was due yesterday
                        overdue("respond", "P1", "deferred", "payments"), 1.0, // E: Deferred still counts
                        overdue("detect", "unknown", "not_started", "unknown"), 1.0, // H: no severity, no service
                        overdue("prevent", "P3", "not_started", "database"), 2.0, // I and J; first service, trimmed
                        overdue("respond", "P2", "in_progress", "api"), 1.0)); // K, from an invalid document
        // Completed items (D) and items without a due date (F) can never be overdue: no series.
    }

    @Test
    void itemCountsPerTypeAndStatusAndDocumentsPerState() throws Exception {
        start(ZoneOffset.UTC);
        metrics.documentsRead(knownDocuments());

        PrometheusText scrape = scrape();

        assertThat(scrape.series("postmortem_action_items"))
                .isEqualTo(Map.of(
                        Map.of("type", "prevent", "status", "not_started"), 4.0,
                        Map.of("type", "prevent", "status", "in_progress"), 1.0,
                        Map.of("type", "detect", "status", "in_progress"), 1.0,
                        Map.of("type", "detect", "status", "completed"), 1.0,
                        Map.of("type", "detect", "status", "not_started"), 1.0,
                        Map.of("type", "respond", "status", "deferred"), 1.0,
                        Map.of("type", "respond", "status", "not_started"), 1.0,
                        Map.of("type", "respond", "status", "in_progress"), 1.0));
        assertThat(scrape.series("postmortem_documents"))
                .isEqualTo(Map.of(
                        Map.of("state", "valid"), 3.0, // a warning does not make a document invalid
                        Map.of("state", "invalid"), 1.0));
        assertThat(scrape.type("postmortem_action_items")).hasValue("gauge");
        assertThat(scrape.type("postmortem_documents")).hasValue("gauge");
    }

    @Test
    void noLabelCarriesAnItemTicketOwnerOrFile() throws Exception {
        start(ZoneOffset.UTC);
        metrics.documentsRead(knownDocuments());

        PrometheusText scrape = scrape();

        assertThat(scrape.labelNames("postmortem_action_items_overdue"))
                .containsExactlyInAnyOrder("type", "severity", "status", "service");
        assertThat(scrape.labelNames("postmortem_action_items")).containsExactlyInAnyOrder("type", "status");
        assertThat(scrape.labelNames("postmortem_documents")).containsExactly("state");
        assertThat(scrape.samples())
                .filteredOn(s -> s.name().startsWith("postmortem_"))
                .flatMap(s -> s.labels().values())
                .isNotEmpty()
                .noneMatch(value -> value.endsWith(".md") || value.startsWith("@") || value.contains(" "));
    }

    @Test
    void aScrapeAfterMidnightSeesTheNewDayWithoutANewPass() throws Exception {
        clock.set(Instant.parse("2025-05-01T23:59:59Z"));
        start(ZoneOffset.UTC);
        metrics.documentsRead(knownDocuments());
        Map<String, String> retries = overdue("prevent", "P1", "in_progress", "payments"); // G, due 2025-05-01

        assertThat(scrape().value("postmortem_action_items_overdue", pairs(retries)))
                .hasValue(0.0);

        clock.advance(Duration.ofSeconds(2));

        assertThat(scrape().value("postmortem_action_items_overdue", pairs(retries)))
                .hasValue(1.0);
    }

    @Test
    void todayIsTheDateInTheConfiguredTimeZone() throws Exception {
        // 02:00 UTC on May 2nd is still May 1st in New York: G (due May 1st) is not overdue there yet.
        clock.set(Instant.parse("2025-05-02T02:00:00Z"));
        start(ZoneId.of("America/New_York"));
        metrics.documentsRead(knownDocuments());
        Map<String, String> retries = overdue("prevent", "P1", "in_progress", "payments");

        assertThat(scrape().value("postmortem_action_items_overdue", pairs(retries)))
                .hasValue(0.0);

        clock.set(Instant.parse("2025-05-02T04:00:01Z")); // past midnight in New York (UTC-4 in May)

        assertThat(scrape().value("postmortem_action_items_overdue", pairs(retries)))
                .hasValue(1.0);
    }

    @Test
    void aPassWithChangedStatusesUpdatesTheCountsAndKeepsEmptiedSeriesAtZero() throws Exception {
        start(ZoneOffset.UTC);
        metrics.documentsRead(knownDocuments());

        // The next pass: A and K were completed in Jira and mirrored back; login.md was deleted.
        List<ParsedDocument> next = List.of(
                document(
                        "payments.md",
                        Severity.P1,
                        List.of("payments", "checkout"),
                        List.of(
                                item("A pool size", ItemType.PREVENT, ItemStatus.COMPLETED, TODAY.minusDays(16)),
                                item("B load test", ItemType.PREVENT, ItemStatus.NOT_STARTED, TODAY.plusMonths(1)),
                                item("C pool alert", ItemType.DETECT, ItemStatus.IN_PROGRESS, TODAY.minusDays(1)),
                                item("D dashboard", ItemType.DETECT, ItemStatus.COMPLETED, TODAY.minusDays(30)),
                                item("E runbook", ItemType.RESPOND, ItemStatus.DEFERRED, TODAY.minusDays(11)),
                                item("F paging", ItemType.RESPOND, ItemStatus.NOT_STARTED, null),
                                item("G retries", ItemType.PREVENT, ItemStatus.IN_PROGRESS, TODAY))),
                knownDocuments().get(2),
                document(
                        "api.md",
                        Severity.P2,
                        List.of("api"),
                        List.of(item("K timeouts", ItemType.RESPOND, ItemStatus.COMPLETED, TODAY.minusDays(21)))));
        metrics.documentsRead(next);

        PrometheusText scrape = scrape();
        assertThat(scrape.series("postmortem_action_items_overdue"))
                .isEqualTo(Map.of(
                        overdue("prevent", "P1", "not_started", "payments"), 0.0, // A completed; B not due yet
                        overdue("prevent", "P1", "in_progress", "payments"), 0.0,
                        overdue("detect", "P1", "in_progress", "payments"), 1.0,
                        overdue("respond", "P1", "deferred", "payments"), 1.0,
                        overdue("detect", "unknown", "not_started", "unknown"), 0.0, // its document is gone
                        overdue("prevent", "P3", "not_started", "database"), 2.0,
                        overdue("respond", "P2", "in_progress", "api"), 0.0)); // K completed
        assertThat(scrape.series("postmortem_action_items"))
                .containsAllEntriesOf(Map.of(
                        Map.of("type", "prevent", "status", "completed"), 1.0, // a new series appears
                        Map.of("type", "prevent", "status", "not_started"), 3.0,
                        Map.of("type", "detect", "status", "not_started"), 0.0, // H's document was deleted
                        Map.of("type", "respond", "status", "in_progress"), 0.0,
                        Map.of("type", "respond", "status", "completed"), 1.0));
        assertThat(scrape.series("postmortem_documents"))
                .isEqualTo(Map.of(
                        Map.of("state", "valid"), 3.0,
                        Map.of("state", "invalid"), 0.0));
    }

    @Test
    void beforeTheFirstPassNoActionItemSeriesAreInvented() throws Exception {
        start(ZoneOffset.UTC);

        PrometheusText scrape = scrape();

        assertThat(scrape.sampleNames())
                .doesNotContain("postmortem_action_items_overdue", "postmortem_action_items", "postmortem_documents");
        assertThat(scrape.value("postmortem_sync_last_success_timestamp_seconds"))
                .hasValue(0.0);
        assertThat(scrape.value("postmortem_sync_interval_seconds")).hasValue(300.0);
        assertThat(scrape.samples("postmortem_sync_runs_total")).isEmpty();
    }

    @Test
    void anEmptyPassKeepsEverySeriesAtZero() throws Exception {
        start(ZoneOffset.UTC);
        metrics.documentsRead(knownDocuments());
        metrics.documentsRead(List.of());

        PrometheusText scrape = scrape();

        assertThat(scrape.series("postmortem_action_items_overdue"))
                .hasSize(7)
                .allSatisfy((labels, value) -> assertThat(value).isZero());
        assertThat(scrape.series("postmortem_action_items"))
                .hasSize(8)
                .allSatisfy((labels, value) -> assertThat(value).isZero());
        assertThat(scrape.series("postmortem_documents"))
                .hasSize(2)
                .allSatisfy((labels, value) -> assertThat(value).isZero());
    }

    @Test
    void labelValuesWithQuotesAndBackslashesSurviveTheTextFormat() throws Exception {
        start(ZoneOffset.UTC);
        metrics.documentsRead(List.of(document(
                "odd.md",
                Severity.P4,
                List.of("svc \"edge\"\\a"),
                List.of(item("X", ItemType.DETECT, ItemStatus.NOT_STARTED, TODAY.minusDays(1))))));

        assertThat(scrape().value(
                                "postmortem_action_items_overdue",
                                pairs(overdue("detect", "P4", "not_started", "svc \"edge\"\\a"))))
                .hasValue(1.0);
    }

    @Test
    void theRealExpositionPassesPromtoolCheckMetrics() throws Exception {
        start(ZoneOffset.UTC);
        metrics.documentsRead(knownDocuments());
        metrics.ticketCreated(ItemType.DETECT);
        metrics.onRequest("create", io.postmortemsync.tracker.TrackerRequestObserver.Outcome.RATE_LIMITED);
        metrics.passFinished(
                io.postmortemsync.sync.SyncObserver.PassOutcome.SUCCESS, Duration.ofSeconds(3), clock.instant());

        io.postmortemsync.metrics.Promtool.checkMetricsAt(URI.create("http://localhost:" + server.port() + "/metrics"))
                .assertOk();
    }

    private PrometheusText scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.parse(response.body());
    }

    private static Map<String, String> overdue(String type, String severity, String status, String service) {
        return Map.of("type", type, "severity", severity, "status", status, "service", service);
    }

    private static String[] pairs(Map<String, String> labels) {
        return labels.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }
}
