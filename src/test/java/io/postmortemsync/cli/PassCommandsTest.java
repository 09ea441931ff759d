package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.FakeJiraExtension;
import io.postmortemsync.fakejira.Fault;
import io.postmortemsync.fakejira.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} and {@code sync} from the command line, with real configuration files. */
class PassCommandsTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeJiraExtension jira = FakeJiraExtension.cloud();

    private static final String DOCUMENT = """
            # Incident Postmortem: Payment service errors

            ## Incident Summary
            - **Incident ID**: INC-2025-042
            - **Severity**: P1

            ## Action Items
            | Action | Type | Owner | Due Date | Status |
            |--------|------|-------|----------|--------|
            | Increase default connection pool size | Prevent | @alice | 2025-04-15 | Not Started |
            | Add monitoring for connection pool utilization | Detect | @bob | 2025-04-20 | Not Started |
            """;

    private Path offlineConfig() throws IOException {
        Files.createDirectories(dir.resolve("postmortems"));
        Files.writeString(dir.resolve("postmortems/2025-04-10-payments.md"), DOCUMENT);
        return Files.writeString(dir.resolve("offline.yaml"), "source: {path: postmortems}\n");
    }

    private Path jiraConfig() throws IOException {
        FakeJira fake = jira.get();
        Files.createDirectories(dir.resolve("postmortems"));
        Files.writeString(dir.resolve("postmortems/2025-04-10-payments.md"), DOCUMENT);
        Files.writeString(dir.resolve("token"), fake.secretValue());
        return Files.writeString(dir.resolve("config.yaml"), """
                source: {path: postmortems}
                tracker:
                  url: %s
                  auth: {email: %s, apiTokenFile: token}
                  project: OPS
                  remoteLinks: false
                """.formatted(
                        fake.url(), fake.auth().email()));
    }

    @Test
    void planOfflinePrintsTheSummaryAndExitsZero() throws IOException {
        CommandRun run = CommandRun.of("--config", offlineConfig().toString(), "plan");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo("plan: 0 to create, 0 to adopt, 0 to link, 0 to write back, 2 unchanged, 0 failed"
                        + " (offline, no tracker calls, 1 documents, 2 items)" + System.lineSeparator());
    }

    @Test
    void syncAgainstJiraPrintsTheJsonReportAndWritesTheKeysBack() throws Exception {
        Path config = jiraConfig();

        CommandRun run = CommandRun.of("--config", config.toString(), "sync", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("summary").get("created").asInt()).isEqualTo(2);
        assertThat(json.get("summary").get("writtenBack").asInt()).isEqualTo(2);
        assertThat(json.get("actions").get(0).get("op").asText()).isEqualTo("create");
        assertThat(json.get("actions").get(0).get("file").asText()).isEqualTo("2025-04-10-payments.md");
        assertThat(json.get("actions").get(0).get("line").asInt()).isEqualTo(10);
        assertThat(Files.readString(dir.resolve("postmortems/2025-04-10-payments.md")))
                .contains("[OPS-1](", "[OPS-2](");

        CommandRun again = CommandRun.of("--config", config.toString(), "plan", "--format", "json");
        assertThat(again.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(again.out()).get("actions")).isEmpty();
    }

    @Test
    void syncExitsOneWhenAnItemFailedAndNamesItsFileAndLine() throws Exception {
        Path config = jiraConfig();
        jira.get().inject(Operation.CREATE, Fault.rejectElements(Set.of(1), "labels", "Field 'labels' cannot be set."));

        CommandRun run = CommandRun.of("--config", config.toString(), "sync");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("2025-04-10-payments.md:11: error: the tracker refused the ticket: ");
        assertThat(run.out()).contains("sync partial: 1 created");
    }

    @Test
    void anUnknownFormatIsAUsageError() throws IOException {
        CommandRun run = CommandRun.of("--config", offlineConfig().toString(), "sync", "--format", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("must be text or json (got \"yaml\")");
    }

    @Test
    void aBadConfigurationStopsEveryPassCommandWithExitTwo() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "sync: {interval: 5 minutes}\n");
        for (String command : new String[] {"plan", "sync", "run"}) {
            CommandRun run = CommandRun.of("--config", config.toString(), command);
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).contains("config error:").contains("/sync/interval");
            assertThat(run.out()).as(command).isEmpty();
        }
    }
}
