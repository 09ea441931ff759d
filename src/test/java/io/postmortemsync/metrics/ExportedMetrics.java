package io.postmortemsync.metrics;

import static io.postmortemsync.metrics.TestDocuments.document;
import static io.postmortemsync.metrics.TestDocuments.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.Severity;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import io.postmortemsync.tracker.TrackerRequestObserver.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * What the registry really exports once every kind of event has happened: the reference the
 * alert rules and the dashboard are checked against. Labels Prometheus adds itself when it
 * scrapes (job, instance, and the Kubernetes ones) are allowed in matchers too.
 */
final class ExportedMetrics {

    static final Set<String> TARGET_LABELS = Set.of("job", "instance", "namespace", "pod");

    private final PrometheusText scrape;

    private ExportedMetrics(PrometheusText scrape) {
        this.scrape = scrape;
    }

    static ExportedMetrics everything() {
        TestClock clock = new TestClock(Instant.parse("2025-05-01T12:00:00Z"));
        try (PostmortemMetrics metrics = new PostmortemMetrics(clock, ZoneOffset.UTC, Duration.ofMinutes(5))) {
            LocalDate past = LocalDate.of(2025, 4, 1);
            metrics.documentsRead(List.of(
                    document(
                            "a.md",
                            Severity.P1,
                            List.of("web"),
                            List.of(item("one", ItemType.DETECT, ItemStatus.NOT_STARTED, past))),
                    document(
                            "b.md",
                            null,
                            List.of(),
                            List.of(item("two", ItemType.PREVENT, ItemStatus.DEFERRED, past)),
                            Diagnostic.error("b.md", 3, "bad"))));
            metrics.ticketCreated(ItemType.DETECT);
            metrics.onRequest("create", Outcome.SUCCESS);
            metrics.passFinished(PassOutcome.SUCCESS, Duration.ofSeconds(1), clock.instant());
            return new ExportedMetrics(PrometheusText.parse(metrics.scrape(null).text()));
        }
    }

    /** The scrape itself. */
    PrometheusText scrape() {
        return scrape;
    }

    /** Fails unless the expression only selects exported metrics, by labels they really have. */
    void assertSelectsOnlyExportedMetrics(String where, String expression) {
        List<PromQl.Selector> selectors = PromQl.selectors(expression);
        assertThat(selectors).as("%s selects no metric: %s", where, expression).isNotEmpty();
        for (PromQl.Selector selector : selectors) {
            assertThat(scrape.sampleNames())
                    .as("%s uses %s, which /metrics does not export", where, selector.metric())
                    .contains(selector.metric());
            for (String label : selector.matcherLabels()) {
                if (!TARGET_LABELS.contains(label)) {
                    assertThat(scrape.labelNames(selector.metric()))
                            .as("%s matches %s on label %s, which it does not have", where, selector.metric(), label)
                            .contains(label);
                }
            }
        }
    }
}
