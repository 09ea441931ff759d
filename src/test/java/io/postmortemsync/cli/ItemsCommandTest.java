package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemsCommandTest {

    @TempDir
    Path dir;

    @Test
    void jsonListsEveryPostmortemInTheContractShape() throws Exception {
        CommandRun run = CommandRun.of("items", "examples/postmortems/", "--format", "json", "--today", "2026-11-26");
        assertThat(run.exitCode()).isZero();
        JsonNode postmortems = new ObjectMapper().readTree(run.out()).get("postmortems");
        assertThat(postmortems).hasSize(6);
        JsonNode search = postmortems.get(1);
        assertThat(fieldNames(search))
                .containsExactly(
                        "file",
                        "incidentId",
                        "title",
                        "date",
                        "severity",
                        "services",
                        "incidentTicket",
                        "items",
                        "errors");
        assertThat(search.get("file").asText()).isEqualTo("examples/postmortems/2025-06-02-search-latency.md");
        assertThat(search.get("incidentId").asText()).isEqualTo("INC-2025-077");
        assertThat(search.get("title").asText()).isEqualTo("Search latency after index rebuild");
        assertThat(search.get("date").asText()).isEqualTo("2025-06-02");
        assertThat(search.get("severity").asText()).isEqualTo("P2");
        assertThat(search.get("services").toString()).isEqualTo("[\"search\",\"indexer\"]");
        assertThat(search.get("incidentTicket").asText()).isEqualTo("OPS-77");
        assertThat(search.get("errors")).isEmpty();

        JsonNode item = search.get("items").get(1);
        assertThat(fieldNames(item))
                .containsExactly(
                        "line", "action", "type", "owner", "dueDate", "status", "ticket", "syncKey", "overdue");
        assertThat(item.get("line").asInt()).isEqualTo(32);
        assertThat(item.get("action").asText())
                .isEqualTo("Alert when the nightly rebuild finishes more than one hour late");
        assertThat(item.get("type").asText()).isEqualTo("detect");
        assertThat(item.get("owner").asText()).isEqualTo("@erin");
        assertThat(item.get("dueDate").asText()).isEqualTo("2025-07-01");
        assertThat(item.get("status").asText()).isEqualTo("In Progress");
        assertThat(item.get("ticket").asText()).isEqualTo("OPS-82");
        assertThat(item.get("syncKey").asText())
                .isEqualTo(io.postmortemsync.postmortem.SyncKey.of(
                                "INC-2025-077", "Alert when the nightly rebuild finishes more than one hour late")
                        .value());
        assertThat(item.get("overdue").asBoolean()).isTrue();

        JsonNode notDueYet = search.get("items").get(3);
        assertThat(notDueYet.get("ticket").isNull()).isTrue();
        assertThat(notDueYet.get("overdue").asBoolean()).isFalse();
    }

    @Test
    void absentValuesAreNullAndProblemsAreListedPerPostmortem() throws Exception {
        Path file = dir.resolve("bare.md");
        Files.writeString(file, "## Action Items\n- Write it down\n- Broken (due: 2025-02-30)\n");
        CommandRun run = CommandRun.of("items", "--format=json", file.toString());
        JsonNode pm = new ObjectMapper().readTree(run.out()).get("postmortems").get(0);
        assertThat(pm.get("file").asText()).isEqualTo(file.toString());
        assertThat(pm.get("incidentId").asText()).isEqualTo("bare");
        assertThat(pm.get("title").isNull()).isTrue();
        assertThat(pm.get("date").isNull()).isTrue();
        assertThat(pm.get("severity").isNull()).isTrue();
        assertThat(pm.get("services")).isEmpty();
        assertThat(pm.get("incidentTicket").isNull()).isTrue();
        JsonNode item = pm.get("items").get(0);
        assertThat(item.get("owner").isNull()).isTrue();
        assertThat(item.get("dueDate").isNull()).isTrue();
        assertThat(item.get("overdue").asBoolean()).isFalse();
        assertThat(pm.get("errors")).hasSize(2);
        assertThat(pm.get("errors").get(1).toString())
                .isEqualTo("{\"file\":\"" + file + "\",\"line\":3,\"severity\":\"error\","
                        + "\"message\":\"Due date \\\"2025-02-30\\\" is not a valid date\"}");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void overdueOnlyKeepsPastDueItemsThatAreNotCompleted() throws Exception {
        CommandRun run = CommandRun.of(
                "items", "examples/postmortems", "--overdue", "--today", "2026-11-26", "--format", "json");
        JsonNode postmortems = new ObjectMapper().readTree(run.out()).get("postmortems");
        List<String> overdue = new ArrayList<>();
        postmortems.forEach(pm -> pm.get("items").forEach(i -> {
            assertThat(i.get("overdue").asBoolean()).isTrue();
            assertThat(i.get("status").asText()).isNotEqualTo("Completed");
            overdue.add(i.get("dueDate").asText());
        }));
        assertThat(overdue).hasSize(14).allMatch(d -> d.compareTo("2026-11-26") < 0);

        // The day after a due date it is overdue, not on the day itself.
        assertThat(countOverdue("2025-04-15")).isZero();
        assertThat(countOverdue("2025-04-16")).isEqualTo(1);
    }

    private int countOverdue(String today) throws Exception {
        CommandRun run = CommandRun.of(
                "items",
                "examples/postmortems/2025-04-10-payment-service-errors.md",
                "--overdue",
                "--today",
                today,
                "--format",
                "json");
        JsonNode postmortems = new ObjectMapper().readTree(run.out()).get("postmortems");
        return postmortems.isEmpty() ? 0 : postmortems.get(0).get("items").size();
    }

    @Test
    void theTableIsAlignedAndMarksOverdueItems() {
        CommandRun run = CommandRun.of(
                "items", "examples/postmortems/2025-04-10-payment-service-errors.md", "--today", "2026-11-26");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                  LINE  TYPE     STATUS       DUE                 OWNER   TICKET  ACTION

                examples/postmortems/2025-04-10-payment-service-errors.md  INC-2025-042  Payment service errors (P1)
                  41    prevent  In Progress  2025-04-15 OVERDUE  @alice  -       Increase default connection pool size
                  42    detect   Not Started  2025-04-20 OVERDUE  @bob    -       Add monitoring for connection pool utilization
                  43    prevent  Completed    2025-05-30          @carol  -       Load-test new payment checks at peak traffic before release
                  44    respond  Not Started  2027-02-15          @alice  -       Add a runbook step for raising pool sizes on a canary first

                4 action items in 1 postmortem, 2 overdue (as of 2026-11-26)
                """);
    }

    @Test
    void tableModeReportsDocumentProblemsOnStandardError() throws Exception {
        Path file = dir.resolve("x.md");
        Files.writeString(file, "# X\n\n## Action Items\n| Action | Type |\n|---|---|\n| Fix | Other |\n");
        CommandRun run = CommandRun.of("items", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("No action items found.\n");
        assertThat(run.err())
                .isEqualTo(file + ":6: error: Type must be one of: Prevent, Detect, Respond (got \"Other\")\n");
    }

    @Test
    void noOverdueItemsSaysSo() {
        CommandRun run = CommandRun.of("items", "examples/postmortems", "--overdue", "--today", "2020-01-01");
        assertThat(run.out()).isEqualTo("No overdue action items (as of 2020-01-01).\n");
    }

    @Test
    void badPathsAndBadDatesAreUsageErrors() {
        CommandRun missing = CommandRun.of("items", "nowhere.md");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: no such file or folder: nowhere.md\n");

        CommandRun badDate = CommandRun.of("items", "examples/postmortems", "--today", "26/11/2026");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err())
                .startsWith(
                        "Invalid value for option '--today': '26/11/2026' is not a date like 2026-11-26 (YYYY-MM-DD)");

        assertThat(CommandRun.of("items").exitCode()).isEqualTo(2);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
