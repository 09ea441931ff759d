package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentInterpolationTest {

    @TempDir
    Path dir;

    private ConfigFiles files(Map<String, String> env) {
        return new ConfigFiles(dir, env);
    }

    @Test
    void aVariableIsReplacedByItsValue() {
        Config config = files(Map.of("JIRA_URL", "https://acme.atlassian.net", "INTERVAL", "2m"))
                .load("""
                tracker: {type: none, url: "${JIRA_URL}"}
                sync: {interval: "${INTERVAL}"}
                """);
        assertThat(config.tracker().url()).hasToString("https://acme.atlassian.net");
        assertThat(config.sync().interval()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aDefaultAppliesWhenTheVariableIsUnsetOrEmpty() {
        String yaml = "server: {port: \"${PORT:-9000}\"}\n";
        assertThat(files(Map.of()).load(yaml).server().port()).isEqualTo(9000);
        assertThat(files(Map.of("PORT", "")).load(yaml).server().port()).isEqualTo(9000);
        assertThat(files(Map.of("PORT", "9100")).load(yaml).server().port()).isEqualTo(9100);
    }

    @Test
    void variablesWorkInsideLongerValuesAndListItems() {
        Config config = files(Map.of("HOST", "git.example.com", "TEAM", "sre")).load("""
                source:
                  linkTemplate: "https://${HOST}/acme/pm/blob/main/{path}"
                tracker: {type: none, labels: [postmortem, "team-${TEAM}"]}
                """);
        assertThat(config.source().linkTemplate()).isEqualTo("https://git.example.com/acme/pm/blob/main/{path}");
        assertThat(config.tracker().labels()).containsExactly("postmortem", "team-sre");
    }

    @Test
    void anUnsetVariableWithoutDefaultNamesTheVariableAndTheKey() {
        assertThat(files(Map.of()).problems("""
                tracker:
                  type: none
                  url: ${JIRA_URL}
                """))
                .containsExactly(
                        new ConfigProblem(
                                "/tracker/url",
                                3,
                                "/tracker/url: environment variable JIRA_URL is not set (write ${JIRA_URL:-default} to give a default)"));
    }

    @Test
    void aValueEmptyAfterSubstitutionMeansNotGiven() {
        Config config = files(Map.of()).load("""
                tracker: {type: none, incidentLink: "${LINK:-}", labels: [a, "${EXTRA:-}"]}
                """);
        assertThat(config.tracker().incidentLink()).isEqualTo("Relates");
        assertThat(config.tracker().labels()).containsExactly("a");
    }

    @Test
    void aDoubleDollarWritesALiteralPlaceholder() {
        Config config = files(Map.of("X", "never used")).load("""
                tracker: {type: none, incidentLink: "costs $5 and $${X} stays"}
                """);
        assertThat(config.tracker().incidentLink()).isEqualTo("costs $5 and ${X} stays");
    }

    @Test
    void malformedPlaceholdersAreErrors() {
        assertThat(files(Map.of()).messages("""
                tracker:
                  type: none
                  incidentLink: "${1ABC}"
                  project: "${OPEN"
                """))
                .containsExactly(
                        "/tracker/incidentLink has ${1ABC}, but \"1ABC\" is not a variable name (letters, digits and _; write $${ for a literal ${)",
                        "/tracker/project has an unterminated ${ (write $${ for a literal ${)");
    }

    @Test
    void aValueFromTheEnvironmentIsNeverReadAsYaml() {
        Config config = files(Map.of("LINK", "Relates: to # not a comment")).load("""
                tracker: {type: none, incidentLink: "${LINK}"}
                """);
        assertThat(config.tracker().incidentLink()).isEqualTo("Relates: to # not a comment");
    }

    @Test
    void aBadValueFromTheEnvironmentIsNotEchoedInTheMessage() {
        List<String> messages = files(Map.of("INTERVAL", "hunter2")).messages("sync: {interval: \"${INTERVAL}\"}\n");
        assertThat(messages)
                .containsExactly(
                        "/sync/interval must be a duration like 30s, 5m or 1h (got \"${INTERVAL}\" after substituting the environment)");
        assertThat(String.join("\n", messages)).doesNotContain("hunter2");
    }

    @Test
    void keysAreNotInterpolated() {
        Config config = files(Map.of("USER", "alice")).load("""
                tracker:
                  type: none
                  users:
                    "${USER}": {name: "${USER}"}
                """);
        assertThat(config.tracker().users()).containsOnlyKeys("${USER}");
        assertThat(config.tracker().users().get("${USER}").name()).isEqualTo("alice");
    }
}
