package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate and items need no configuration, but read documents as the daemon does when given one. */
class DocumentSettingsTest {

    @TempDir
    Path dir;

    Path document;

    @BeforeEach
    void writeDocument() throws Exception {
        document = dir.resolve("2025-05-01-queue.md");
        Files.writeString(document, """
                # Incident Postmortem: Queue stalled

                ## Action Items
                - Add a dead-letter queue @ana tracked in OPS-12
                """);
    }

    private Path config(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static JsonNode firstItem(CommandRun run) throws Exception {
        return new ObjectMapper()
                .readTree(run.out())
                .get("postmortems")
                .get(0)
                .get("items")
                .get(0);
    }

    @Test
    void withoutAConfigurationTheBuiltInDefaultsApply() throws Exception {
        CommandRun run = CommandRun.of("items", "--format", "json", document.toString());

        assertThat(run.exitCode()).isZero();
        JsonNode item = firstItem(run);
        assertThat(item.get("type").asText()).isEqualTo("prevent");
        assertThat(item.get("ticket").isNull())
                .as("a bare key of an unknown project is no ticket")
                .isTrue();
    }

    @Test
    void aNamedConfigurationGivesTheDefaultTypeAndTheTrackersProjectKeys() throws Exception {
        Path config = config("""
                source: {path: .}
                defaults: {type: respond}
                tracker:
                  url: https://jira.example.com
                  deployment: datacenter
                  auth: {token: not-a-real-token}
                  project: OPS
                """);

        CommandRun run = CommandRun.of("--config", config.toString(), "items", "--format", "json", document.toString());

        assertThat(run.exitCode()).isZero();
        JsonNode item = firstItem(run);
        assertThat(item.get("type").asText()).isEqualTo("respond");
        assertThat(item.get("ticket").asText()).isEqualTo("OPS-12");
        assertThat(item.get("action").asText()).isEqualTo("Add a dead-letter queue tracked in");
    }

    @Test
    void validateReadsWithTheConfigurationToo() throws Exception {
        Path config = config("""
                source: {path: .}
                defaults: {type: detect}
                """);

        CommandRun run =
                CommandRun.of("--config", config.toString(), "validate", "--format", "json", document.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("No type given; using detect");
    }

    @Test
    void aBadConfigurationIsAUsageErrorNamingTheKey() throws Exception {
        Path config = config("defaults: {type: sometimes}\n");

        CommandRun run = CommandRun.of("--config", config.toString(), "items", document.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("config error:").contains("/defaults/type");
        assertThat(run.out()).isEmpty();
    }
}
