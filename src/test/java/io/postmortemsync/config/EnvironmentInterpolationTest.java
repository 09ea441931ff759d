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
    void a_variable_is_replaced_by_its_value() {
        Config config = files(Map.of("JIRA_URL", "https://acme.atlassian.net", "INTERVAL", "2m"))
                .load("""
                tracker: {type: none, url: "${JIRA_URL}"}
                sync: {interval: "${INTERVAL}"}
                """);
        assertThat(config.tracker().url()).hasToString("https://acme.atlassian.net");
        assertThat(config.sync().interval()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void a_default_applies_when_the_variable_is_unset_or_empty() {
        String yaml = "server: {port: \"${PORT:-9000}\"}\n";
        assertThat(files(Map.of()).load(yaml).server().port()).isEqualTo(9000);
        assertThat(files(Map.of("PORT", "")).load(yaml).server().port()).isEqualTo(9000);
        assertThat(files(Map.of("PORT", "9100")).load(yaml).server().port()).isEqualTo(9100);
    }

    @Test
    void variables_work_inside_longer_values_and_list_items() {
        Config config = files(Map.of("HOST", "git.example.com", "TEAM", "sre")).load("""
                source:
                  linkTemplate: "https://${HOST}/acme/pm/blob/main/{path}"
                tracker: {type: none, labels: [postmortem, "team-${TEAM}"]}
                """);
        assertThat(config.source().linkTemplate()).isEqualTo("https://git.example.com/acme/pm/blob/main/{path}");
        assertThat(config.tracker().labels()).containsExactly("postmortem", "team-sre");
    }

    @Test
    void an_unset_variable_without_default_names_the_variable_and_the_key() {
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
    void a_value_empty_after_substitution_means_not_given() {
        Config config = files(Map.of()).load("""
                tracker: {type: none, incidentLink: "${LINK:-}", labels: [a, "${EXTRA:-}"]}
                """);
        assertThat(config.tracker().incidentLink()).isEqualTo("Relates");
        assertThat(config.tracker().labels()).containsExactly("a");
    }

    @Test
    void a_double_dollar_writes_a_literal_placeholder() {
        Config config = files(Map.of("X", "never used")).load("""
                tracker: {type: none, incidentLink: "costs $5 and $${X} stays"}
                """);
        assertThat(config.tracker().incidentLink()).isEqualTo("costs $5 and ${X} stays");
    }

    @Test
    void malformed_placeholders_are_errors() {
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
    void a_value_from_the_environment_is_never_read_as_yaml() {
        Config config = files(Map.of("LINK", "Relates: to # not a comment")).load("""
                tracker: {type: none, incidentLink: "${LINK}"}
                """);
        assertThat(config.tracker().incidentLink()).isEqualTo("Relates: to # not a comment");
    }

    @Test
    void a_bad_value_from_the_environment_is_not_echoed_in_the_message() {
        List<String> messages = files(Map.of("INTERVAL", "hunter2")).messages("sync: {interval: \"${INTERVAL}\"}\n");
        assertThat(messages)
                .containsExactly(
                        "/sync/interval must be a duration like 30s, 5m or 1h (got \"${INTERVAL}\" after substituting the environment)");
        assertThat(String.join("\n", messages)).doesNotContain("hunter2");
    }

    @Test
    void keys_are_not_interpolated() {
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
