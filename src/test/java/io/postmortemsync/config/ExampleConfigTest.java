package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postmortemsync.postmortem.ItemType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** config.example.yaml at the repository root is valid and documents every key. */
class ExampleConfigTest {

    /** Surefire runs in the project folder. */
    private static final Path EXAMPLE = Path.of("config.example.yaml");

    private static final Map<String, String> ENV =
            Map.of("GIT_TOKEN", "git-token", "JIRA_EMAIL", "ops@example.com", "JIRA_API_TOKEN", "api-token");

    @Test
    void theExampleIsValidWithItsVariablesSet() {
        Config config = ConfigLoader.load(EXAMPLE, ENV);

        assertThat(config.source().type()).isEqualTo(SourceConfig.SourceType.GIT);
        assertThat(config.source().git().url()).isEqualTo("https://git.example.com/acme/postmortems.git");
        assertThat(config.source().git().password().reveal()).isEqualTo("git-token");
        assertThat(config.tracker().auth().email()).isEqualTo("ops@example.com");
        assertThat(config.tracker().auth().apiToken().reveal()).isEqualTo("api-token");
        assertThat(config.tracker().route(ItemType.PREVENT).priority()).isEqualTo("High");
        assertThat(config.tracker().users()).hasSize(2);
        assertThat(config.sync().interval()).hasMinutes(5);
    }

    @Test
    void withoutItsVariablesTheExampleNamesEachOfThem() {
        assertThatThrownBy(() -> ConfigLoader.load(EXAMPLE, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::message)
                                .containsExactly(
                                        "/source/git/password: environment variable GIT_TOKEN is not set (write ${GIT_TOKEN:-default} to give a default)",
                                        "/tracker/auth/email: environment variable JIRA_EMAIL is not set (write ${JIRA_EMAIL:-default} to give a default)",
                                        "/tracker/auth/apiToken: environment variable JIRA_API_TOKEN is not set (write ${JIRA_API_TOKEN:-default} to give a default)"));
    }

    @Test
    void everyKeyAppearsInTheExampleWrittenOrCommented() throws IOException {
        String example = Files.readString(EXAMPLE);
        List<String> keys = List.of(
                "source",
                "type",
                "path",
                "include",
                "exclude",
                "linkTemplate",
                "git",
                "url",
                "branch",
                "username",
                "password",
                "sshKeyFile",
                "knownHostsFile",
                "author",
                "workdir",
                "pushRetries",
                "tracker",
                "deployment",
                "auth",
                "email",
                "apiToken",
                "token",
                "project",
                "labels",
                "types",
                "prevent",
                "detect",
                "respond",
                "issueType",
                "priority",
                "incidentLink",
                "remoteLinks",
                "statuses",
                "deferredResolutions",
                "users",
                "accountId",
                "name",
                "maxConcurrency",
                "defaults",
                "sync",
                "interval",
                "fullResyncInterval",
                "timezone",
                "writeBack",
                "server",
                "port",
                "logging",
                "format",
                "level");
        for (String key : keys) {
            assertThat(Pattern.compile("(^|[\\s{#,])" + key + ":", Pattern.MULTILINE)
                            .matcher(example)
                            .find())
                    .as("config.example.yaml shows %s", key)
                    .isTrue();
        }
    }
}
