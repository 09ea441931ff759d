package io.postmortemsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.postmortemsync.docs.MarkdownFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in the Helm chart's files: valid for Prometheus, unit-tested firing and not
 * firing, every alert documented with a runbook section that exists, and every metric they use
 * really exported.
 */
class AlertRulesTest {

    static final Path FILES = Path.of("helm", "postmortem-sync", "files");
    static final Path RULES = FILES.resolve("prometheus-alerts.yaml");
    static final Path RULE_TESTS = FILES.resolve("prometheus-alerts.test.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void promtoolAcceptsTheRules() {
        Promtool.checkRules(RULES).assertOk();
    }

    @Test
    void promtoolUnitTestsOfTheRulesPass() {
        Promtool.testRules(RULE_TESTS).assertOk();
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() throws IOException {
        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode test : YAML.readTree(RULE_TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? quiet : firing)
                        .add(check.path("alertname").asText());
            }
        }

        assertThat(firing).as("alerts shown firing").containsExactlyInAnyOrderElementsOf(alertNames());
        assertThat(quiet).as("alerts shown not firing").containsExactlyInAnyOrderElementsOf(alertNames());
    }

    @Test
    void everyAlertHasASeverityAForDurationAndItsAnnotations() throws IOException {
        for (JsonNode rule : alertRules()) {
            String name = rule.path("alert").asText();
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
            assertThat(rule.path("for").asText()).as(name).matches("\\d+[mh]");
            assertThat(rule.path("annotations").path("summary").asText())
                    .as(name)
                    .isNotBlank();
            assertThat(rule.path("annotations").path("description").asText())
                    .as(name)
                    .contains("{{ $value");
            assertThat(rule.path("annotations").path("runbook_url").asText())
                    .as(name)
                    .endsWith("/docs/metrics-and-alerts.md#" + name.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void everyRunbookUrlPointsAtASectionOfTheAlertsGuide() throws IOException {
        Set<String> anchors = MarkdownFile.doc("metrics-and-alerts.md").anchors();
        for (JsonNode rule : alertRules()) {
            String url = rule.path("annotations").path("runbook_url").asText();
            assertThat(anchors)
                    .as("docs/metrics-and-alerts.md section for %s", url)
                    .contains(url.substring(url.indexOf('#') + 1));
        }
    }

    @Test
    void theRulesUseOnlyExportedMetrics() throws IOException {
        ExportedMetrics exported = ExportedMetrics.everything();
        for (JsonNode rule : alertRules()) {
            exported.assertSelectsOnlyExportedMetrics(
                    "alert " + rule.path("alert").asText(), rule.path("expr").asText());
        }
    }

    static List<JsonNode> alertRules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        assertThat(rules).isNotEmpty();
        return rules;
    }

    private static List<String> alertNames() throws IOException {
        return alertRules().stream().map(rule -> rule.path("alert").asText()).toList();
    }
}
