package io.postmortemsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in the Helm chart's files: valid JSON, queries that Prometheus can
 * parse, and only metrics (and labels) the registry really exports.
 */
class DashboardTest {

    static final Path DASHBOARD = AlertRulesTest.FILES.resolve("grafana-dashboard.json");

    /** What Grafana puts in place of its variables before a query reaches Prometheus. */
    private static final Map<String, String> GRAFANA_VARIABLES =
            Map.of("$__rate_interval", "5m", "$__interval", "1m", "$__range", "1h", "$job", ".*", "$service", ".*");

    @Test
    void itIsAGrafanaDashboardWithAUidAndPanels() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.path("uid").asText()).isEqualTo("postmortem-sync");
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        assertThat(dashboard.path("panels")).isNotEmpty();
        assertThat(dashboard.path("templating").path("list"))
                .extracting(v -> v.path("name").asText())
                .contains("datasource", "job");
        assertThat(dashboard.has("id")).as("no instance-specific id").isFalse();
    }

    @Test
    void itShowsOverdueByTypeSeverityAndServiceItemsByStatusAndSyncHealth() throws IOException {
        String queries = String.join("\n", queries());

        assertThat(queries)
                .contains(
                        "sum by (type) (postmortem_action_items_overdue",
                        "sum by (severity) (postmortem_action_items_overdue",
                        "sum by (service) (postmortem_action_items_overdue",
                        "sum by (status) (postmortem_action_items{",
                        "postmortem_sync_last_success_timestamp_seconds",
                        "postmortem_sync_duration_seconds_bucket",
                        "postmortem_sync_runs_total",
                        "outcome=\"rate_limited\"",
                        "outcome!~\"success|rate_limited\"",
                        "postmortem_documents");
    }

    @Test
    void everyQueryUsesOnlyExportedMetrics() throws IOException {
        ExportedMetrics exported = ExportedMetrics.everything();
        for (String query : queries()) {
            exported.assertSelectsOnlyExportedMetrics("dashboard query", query);
        }
    }

    @Test
    void everyQueryIsValidPromQl(@TempDir Path dir) throws IOException {
        // promtool has no "check expression"; a recording rule per query gets the same parser.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (String query : queries()) {
            String expr = query;
            for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
                expr = expr.replace(variable.getKey(), variable.getValue());
            }
            assertThat(expr).as("a Grafana variable this test does not know").doesNotContain("$");
            rules.append("      - record: dashboard:query")
                    .append(n++)
                    .append('\n')
                    .append("        expr: '")
                    .append(expr.replace("'", "''"))
                    .append("'\n");
        }
        Path file = dir.resolve("dashboard-queries.yaml");
        Files.writeString(file, rules);

        Promtool.checkRules(file).assertOk();
    }

    private static List<String> queries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        collectQueries(dashboard.path("panels"), queries);
        assertThat(queries).isNotEmpty();
        return queries;
    }

    private static void collectQueries(JsonNode panels, List<String> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText())
                        .as("panel %s", panel.path("title").asText())
                        .isNotBlank();
                queries.add(target.path("expr").asText());
            }
            collectQueries(panel.path("panels"), queries); // panels inside collapsed rows
        }
    }
}
