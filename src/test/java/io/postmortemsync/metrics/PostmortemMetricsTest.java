package io.postmortemsync.metrics;

import static io.postmortemsync.metrics.TestDocuments.document;
import static io.postmortemsync.metrics.TestDocuments.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postmortemsync.config.SyncConfig;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostmortemMetricsTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 5, 1);

    private final TestClock clock = new TestClock(Instant.parse("2025-05-01T12:00:00Z"));
    private final PostmortemMetrics metrics = new PostmortemMetrics(clock, ZoneOffset.UTC, Duration.ofMinutes(5));

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void aScrapeNeverSeesHalfAPass() {
        // Pass A: every item prevent; pass B: every item detect. Any scrape must see one or the
        // other whole: all 200 items and all documents from the same pass.
        List<ParsedDocument> passA = documents(ItemType.PREVENT);
        List<ParsedDocument> passB = documents(ItemType.DETECT);
        metrics.documentsRead(passA);
        metrics.documentsRead(passB);
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 300; i++) {
                metrics.documentsRead(i % 2 == 0 ? passA : passB);
            }
            done.set(true);
        });

        int scrapes = 0;
        while (!done.get() || scrapes < 50) {
            PrometheusText scrape = PrometheusText.parse(metrics.scrape(null).text());
            double prevent = scrape.value("postmortem_action_items", "type", "prevent", "status", "not_started")
                    .orElseThrow();
            double detect = scrape.value("postmortem_action_items", "type", "detect", "status", "not_started")
                    .orElseThrow();
            double overduePrevent = scrape.samples("postmortem_action_items_overdue").stream()
                    .filter(s -> s.labels().get("type").equals("prevent"))
                    .mapToDouble(PrometheusText.Sample::value)
                    .sum();
            assertThat(List.of(prevent, detect))
                    .as("scrape %d", scrapes)
                    .containsAnyOf(200.0)
                    .contains(0.0);
            assertThat(overduePrevent)
                    .as("overdue from the same pass as the item counts")
                    .isEqualTo(prevent);
            scrapes++;
        }
        writer.join();
    }

    private static List<ParsedDocument> documents(ItemType type) {
        List<ParsedDocument> documents = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            List<TestDocuments.Item> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                items.add(item("item " + i, type, ItemStatus.NOT_STARTED, TODAY.minusDays(1)));
            }
            documents.add(document("doc-" + d + ".md", Severity.P2, List.of("svc-" + d % 4), items));
        }
        return documents;
    }

    @Test
    void observerCallsNeverThrowAndABadPassKeepsThePreviousValues() {
        metrics.documentsRead(List.of(document(
                "a.md",
                Severity.P1,
                List.of("web"),
                List.of(item("one", ItemType.DETECT, ItemStatus.NOT_STARTED, TODAY.minusDays(3))))));

        metrics.documentsRead(null);
        metrics.passFinished(null, Duration.ZERO, clock.instant());
        metrics.ticketCreated(null);
        metrics.onRequest("create", null);

        PrometheusText scrape = PrometheusText.parse(metrics.scrape(null).text());
        assertThat(scrape.value(
                        "postmortem_action_items_overdue",
                        "type",
                        "detect",
                        "severity",
                        "P1",
                        "status",
                        "not_started",
                        "service",
                        "web"))
                .hasValue(1.0);
    }

    @Test
    void theConfiguredIntervalAndZoneAreUsed() {
        try (PostmortemMetrics configured = PostmortemMetrics.forConfig(
                clock,
                new SyncConfig(Duration.ofMinutes(2), Duration.ofHours(1), ZoneId.of("Pacific/Kiritimati"), true))) {
            configured.documentsRead(List.of(document(
                    "a.md",
                    Severity.P4,
                    List.of("web"),
                    List.of(item("one", ItemType.DETECT, ItemStatus.NOT_STARTED, TODAY)))));

            PrometheusText scrape = PrometheusText.parse(configured.scrape(null).text());

            assertThat(scrape.value("postmortem_sync_interval_seconds")).hasValue(120.0);
            // Noon UTC on May 1st is already May 2nd at UTC+14: the item due May 1st is overdue.
            assertThat(scrape.value(
                            "postmortem_action_items_overdue",
                            "type",
                            "detect",
                            "severity",
                            "P4",
                            "status",
                            "not_started",
                            "service",
                            "web"))
                    .hasValue(1.0);
        }
    }

    @Test
    void aNonPositiveIntervalIsRejected() {
        assertThatThrownBy(() -> new PostmortemMetrics(clock, ZoneOffset.UTC, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sync interval must be positive");
    }

    @Test
    void aMicrometerMeterCannotTakeTheNameOfAnActionItemMetric() {
        metrics.documentsRead(List.of(document("a.md", Severity.P1, List.of("web"), List.of())));
        metrics.meterRegistry().gauge("postmortem.documents", 42);

        // The parser rejects a second # TYPE for one family.
        assertThat(PrometheusText.parse(metrics.scrape(null).text()).series("postmortem_documents"))
                .isEqualTo(java.util.Map.of(java.util.Map.of("state", "valid"), 1.0));
    }

    @Test
    void otherPartsCanAddMicrometerMetersToTheSameScrape() {
        metrics.meterRegistry().counter("postmortem.git.pushes").increment();

        assertThat(PrometheusText.parse(metrics.scrape(null).text()).value("postmortem_git_pushes_total"))
                .hasValue(1.0);
    }
}
