package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with the file as a whole: it is missing, empty, not YAML, not a mapping. */
class ConfigFileProblemsTest {

    @TempDir
    Path dir;

    private List<ConfigProblem> problemsOf(Path file) {
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        assertThat(thrown[0].file()).isEqualTo(file);
        return thrown[0].problems();
    }

    @Test
    void aMissingFileIsNamedWithTheReason() {
        assertThat(problemsOf(dir.resolve("nope.yaml")))
                .containsExactly(new ConfigProblem("", 0, "cannot be read (no such file)"));
    }

    @Test
    void aFolderIsNotAConfigurationFile() {
        assertThat(problemsOf(dir)).containsExactly(new ConfigProblem("", 0, "is a folder, not a configuration file"));
    }

    @Test
    void anEmptyFileOrOneWithOnlyCommentsIsAnError() {
        ConfigFiles files = new ConfigFiles(dir);
        List<String> expected = List.of("is empty: write at least one section (source, tracker, defaults, sync, server,"
                + " logging); config.example.yaml shows every key");
        assertThat(files.messages("")).isEqualTo(expected);
        assertThat(files.messages("# nothing yet\n\n")).isEqualTo(expected);
        assertThat(files.messages("---\n")).isEqualTo(expected);
    }

    @Test
    void aYamlSyntaxErrorNamesLineAndColumn() {
        List<ConfigProblem> problems = new ConfigFiles(dir).problems("""
                sync:
                  interval: 5m
                  timezone: UTC: Europe
                """);
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst().line()).isEqualTo(3);
        assertThat(problems.getFirst().message())
                .isEqualTo("YAML syntax error (line 3, column 16): mapping values are not allowed here");
    }

    @Test
    void anUnclosedFlowListIsASyntaxError() {
        assertThat(new ConfigFiles(dir).messages("source:\n  include: [\"**/*.md\"\n"))
                .singleElement()
                .asString()
                .startsWith("YAML syntax error (line 3, column 1)");
    }

    @Test
    void theTopLevelMustBeAMapping() {
        ConfigFiles files = new ConfigFiles(dir);
        assertThat(files.messages("- source\n- tracker\n"))
                .containsExactly(
                        "must be a mapping of sections (source:, tracker:, sync:, ...) at the top level, not a list");
        assertThat(files.messages("just some words\n"))
                .containsExactly(
                        "must be a mapping of sections (source:, tracker:, sync:, ...) at the top level, not a value");
    }

    @Test
    void moreThanOneYamlDocumentIsRefused() {
        assertThat(new ConfigFiles(dir).problems("sync: {interval: 1m}\n---\nserver: {port: 1}\n"))
                .containsExactly(new ConfigProblem(
                        "", 3, "holds 2 YAML documents (separated by ---); put the whole configuration in one"));
    }

    @Test
    void invalidUtf8IsRefusedAndAByteOrderMarkIsAccepted() throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {
            's', 'y', 'n', 'c', ':', ' ', '{', 't', 'i', 'm', 'e', 'z', 'o', 'n', 'e', ':', ' ', (byte) 0xE9, '}'
        });
        assertThat(problemsOf(latin1)).containsExactly(new ConfigProblem("", 0, "is not UTF-8 text"));

        Path bom = dir.resolve("bom.yaml");
        Files.writeString(bom, "\uFEFFserver: {port: 8080}\n");
        assertThat(ConfigLoader.load(bom, Map.of()).server().port()).isEqualTo(8080);
    }

    @Test
    void aKeyGivenTwiceNamesBothLines() {
        assertThat(new ConfigFiles(dir).problems("""
                sync:
                  interval: 1m
                  interval: 2m
                """))
                .containsExactly(
                        new ConfigProblem("/sync/interval", 3, "/sync/interval is given twice (first on line 2)"));
    }

    @Test
    void anchorsAliasesAndMergeKeysWork() {
        Config config = new ConfigFiles(dir).load("""
                tracker:
                  type: none
                  types:
                    prevent: &route {issueType: Story, labels: [pm]}
                    detect: *route
                    respond:
                      <<: *route
                      priority: Low
                """);
        var routes = config.tracker().types();
        assertThat(routes.get(io.postmortemsync.postmortem.ItemType.DETECT).issueType())
                .isEqualTo("Story");
        assertThat(routes.get(io.postmortemsync.postmortem.ItemType.RESPOND))
                .isEqualTo(new TrackerConfig.TypeRoute("Story", null, List.of("pm"), "Low"));
    }

    @Test
    void anAliasBombIsStoppedWithAMessageInsteadOfEatingMemory() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        List<String> messages = new ConfigFiles(dir).messages(yaml.toString());
        assertThat(messages).isNotEmpty();
        assertThat(messages.getFirst()).containsAnyOf("aliases", "nests or repeats too much");
    }

    @Test
    void aCustomYamlTagIsRefused() {
        assertThat(new ConfigFiles(dir).messages("server: {port: !port 80}\n"))
                .contains("/server/port uses the YAML tag !port, which is not supported here");
    }

    @Test
    void theExceptionMessageListsEveryProblemWithFileAndLine() {
        Path file = new ConfigFiles(dir).write("""
                sync:
                  interval: soon
                server:
                  port: 99999
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage("2 configuration problems:\n"
                        + file + ":2: /sync/interval must be a duration like 30s, 5m or 1h (got \"soon\")\n"
                        + file + ":4: /server/port must be a whole number from 0 to 65535 (got \"99999\")");
    }
}
