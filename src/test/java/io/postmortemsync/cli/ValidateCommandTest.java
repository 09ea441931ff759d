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

class ValidateCommandTest {

    @TempDir
    Path dir;

    private String write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file.toString();
    }

    @Test
    void theBundledExamplesAreValid() {
        CommandRun run = CommandRun.of("validate", "examples/postmortems");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("6 files checked: 0 errors, 0 warnings\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void errorsAreListedLikeACompilerAndExitWithOne() throws Exception {
        write(
                "pm/a.md",
                "# A\n\n## Action Items\n| Action | Type | Status |\n|---|---|---|\n| Fix it | Prevent | Blocked |\n");
        write("pm/sub/b.md", "# B\n");
        write("pm/notes.txt", "not a document");
        String folder = dir.resolve("pm").toString() + "/";
        CommandRun run = CommandRun.of("validate", folder);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .isEqualTo(dir.resolve("pm")
                        + "/a.md:6: error: Status must be one of: Not Started, In Progress, Completed, Deferred (got \"Blocked\")\n"
                        + dir.resolve("pm")
                        + "/sub/b.md: warning: No action items section (a heading such as \"## Action Items\"); the document has no action items\n"
                        + "2 files checked: 1 error, 1 warning\n");
    }

    @Test
    void jsonHasTheContractShape() throws Exception {
        String a = write("a.md", "---\nincident: INC-1\n---\n# A\n\n## Action Items\n- Fix it [prevent]\n");
        String b = write("b.md", "---\nincident: INC-1\n---\n# B\n\n## Action Items\n- Fix it differently\n");
        CommandRun run = CommandRun.of("validate", "--format", "json", a, b);
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(fieldNames(json)).containsExactly("files", "errors", "warnings", "diagnostics");
        assertThat(json.get("files").asInt()).isEqualTo(2);
        assertThat(json.get("errors").asInt()).isEqualTo(1);
        assertThat(json.get("warnings").asInt()).isEqualTo(1);
        JsonNode warning = json.get("diagnostics").get(0);
        assertThat(fieldNames(warning)).containsExactly("file", "line", "severity", "message");
        assertThat(warning.get("file").asText()).isEqualTo(b);
        assertThat(warning.get("line").asInt()).isEqualTo(7);
        assertThat(warning.get("severity").asText()).isEqualTo("warning");
        JsonNode error = json.get("diagnostics").get(1);
        assertThat(error.get("line").asInt())
                .as("the front-matter line naming the id")
                .isEqualTo(2);
        assertThat(error.get("message").asText())
                .isEqualTo(
                        "Incident id \"INC-1\" is already used by " + a + ":2"
                                + " (give each postmortem its own id, e.g. \"incident:\" in front matter); this document's action items are skipped");
    }

    @Test
    void aMissingPathIsAUsageError() {
        CommandRun run = CommandRun.of("validate", "examples/postmortems", "no/such/folder");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: no such file or folder: no/such/folder\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CommandRun run = CommandRun.of("validate", "--format", "xml", "examples/postmortems");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format").contains("xml");
    }

    @Test
    void everyRealCorpusFileValidatesWithoutAnError() {
        CommandRun run = CommandRun.of("validate", "src/test/resources/corpus");
        assertThat(run.exitCode()).as(run.out()).isZero();
        // 42 postmortems and the corpus README, which has no action items section (a warning).
        assertThat(run.out()).endsWith("43 files checked: 0 errors, " + warnings(run.out()) + " warnings\n");
    }

    private static long warnings(String out) {
        return out.lines().filter(l -> l.contains(": warning: ")).count();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
