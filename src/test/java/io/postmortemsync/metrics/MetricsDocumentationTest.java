package io.postmortemsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.postmortemsync.docs.MarkdownFile;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import io.postmortemsync.tracker.TrackerRequestObserver.Outcome;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics-and-alerts.md says what the daemon really exports and what the rules
 * really do: every {@code postmortem_*} family with its type and labels, the label values, and
 * the alert table's {@code for} and severity.
 */
class MetricsDocumentationTest {

    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    /** One row of the documented metric table. */
    private record Documented(String type, Set<String> labels) {}

    private static String metricsSection() {
        return MarkdownFile.doc("metrics-and-alerts.md").section("Metrics and alerts");
    }

    /** {@code | `name` | type | `label`, `label` = `value`\|`value` | what |} rows, by name. */
    private static Map<String, Documented> metricTable() throws IOException {
        Map<String, Documented> table = new LinkedHashMap<>();
        for (String line : metricsSection()
                .lines()
                .filter(l -> l.startsWith("| `postmortem_"))
                .toList()) {
            String[] cells = line.split("(?<!\\\\)\\|", -1);
            String name = firstBackticked(cells[1]);
            Set<String> labels = new LinkedHashSet<>();
            for (String label : cells[3].split(",")) {
                if (!label.isBlank()) {
                    labels.add(firstBackticked(label));
                }
            }
            assertThat(table.put(name, new Documented(cells[2].strip(), labels)))
                    .as("a second row for " + name)
                    .isNull();
        }
        return table;
    }

    private static String firstBackticked(String cell) {
        Matcher m = BACKTICKED.matcher(cell);
        assertThat(m.find()).as("a `name` in " + cell).isTrue();
        return m.group(1);
    }

    @Test
    void theMetricTableListsEveryExportedFamilyWithItsTypeAndLabels() throws IOException {
        PrometheusText scrape = ExportedMetrics.everything().scrape();
        Map<String, Documented> exported = new LinkedHashMap<>();
        for (String sample : scrape.sampleNames()) {
            String family = scrape.familyOf(sample).orElseThrow();
            if (family.startsWith("postmortem_")) {
                Set<String> labels = new LinkedHashSet<>(scrape.labelNames(sample));
                labels.remove("le"); // a histogram's bucket bound, not a label of the metric
                exported.merge(
                        family,
                        new Documented(scrape.type(family).orElseThrow(), labels),
                        (a, b) -> new Documented(a.type(), union(a.labels(), b.labels())));
            }
        }

        assertThat(metricTable()).isEqualTo(exported);
    }

    @Test
    void theDocumentedOutcomesAreTheExportedOnes() throws IOException {
        String section = metricsSection();

        assertThat(valuesAfter(section, "| `postmortem_sync_runs_total` | counter | `outcome` = "))
                .containsExactlyElementsOf(Arrays.stream(PassOutcome.values())
                        .map(PassOutcome::label)
                        .toList());
        assertThat(valuesAfter(section, "`outcome`: "))
                .containsExactlyElementsOf(
                        Arrays.stream(Outcome.values()).map(Outcome::label).toList());
    }

    @Test
    void theAlertTableSaysWhatTheRulesDo() throws IOException {
        Map<String, List<String>> documented = new LinkedHashMap<>();
        for (String line : metricsSection()
                .lines()
                .filter(l -> l.startsWith("| [Postmortem"))
                .toList()) {
            String[] cells = line.split("(?<!\\\\)\\|", -1);
            String name = cells[1].strip().replaceAll("^\\[([^]]+)].*", "$1");
            documented.put(name, List.of(cells[3].strip(), cells[4].strip()));
        }
        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (JsonNode rule : AlertRulesTest.alertRules()) {
            rules.put(
                    rule.path("alert").asText(),
                    List.of(
                            rule.path("for").asText(),
                            rule.path("labels").path("severity").asText()));
        }

        assertThat(documented).isEqualTo(rules);
    }

    /** The backticked values on the line that starts with (or contains) {@code prefix}, up to its end or the next cell. */
    private static List<String> valuesAfter(String text, String prefix) {
        int at = text.indexOf(prefix);
        assertThat(at).as("documented text " + prefix).isNotNegative();
        String rest = text.substring(at + prefix.length());
        String line = rest.lines().findFirst().orElse("");
        String values = line.split("(?<!\\\\)\\|")[0];
        return BACKTICKED.matcher(values).results().map(r -> r.group(1)).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
