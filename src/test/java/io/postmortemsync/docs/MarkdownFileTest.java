package io.postmortemsync.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownFileTest {

    private static final MarkdownFile GUIDE = new MarkdownFile(
            Path.of("docs/guide.md"),
            List.of(
                    "# Writing postmortems",
                    "",
                    "```markdown",
                    "## Action Items",
                    "| Action | [not a link](nowhere.md) |",
                    "```",
                    "",
                    "## The postmortem",
                    "See [commands](commands.md#validate) and `[code](not-a-link.md)`.",
                    "### Run `doctor` first",
                    "### Jira Data Center / Server: personal access token",
                    "## Errors and warnings ##",
                    "![a picture](../images/a.png \"its title\")",
                    "## Errors and warnings"));

    @Test
    void aSectionRunsToTheNextHeadingOfItsLevelNotToOneInsideAnExample() {
        assertThat(GUIDE.section("The postmortem"))
                .startsWith("## The postmortem\n")
                .contains("### Run `doctor` first")
                .doesNotContain("Errors and warnings");
        assertThat(GUIDE.section("Run `doctor` first")).isEqualTo("### Run `doctor` first\n");
    }

    @Test
    void aTitleSectionIsTheWholeFile() {
        assertThat(GUIDE.section("Writing postmortems"))
                .startsWith("# Writing postmortems\n")
                .contains("## Action Items") // the template, inside a code fence
                .endsWith("## Errors and warnings\n");
    }

    @Test
    void aMissingSectionIsNamedWithItsFile() {
        assertThatThrownBy(() -> GUIDE.section("No such section"))
                .hasMessageContaining("guide.md")
                .hasMessageContaining("\"No such section\"");
    }

    @Test
    void anchorsAreTheOnesGitHubMakesAndARepeatedHeadingGetsANumber() {
        assertThat(GUIDE.anchors())
                .containsExactly(
                        "writing-postmortems",
                        "the-postmortem",
                        "run-doctor-first",
                        "jira-data-center--server-personal-access-token",
                        "errors-and-warnings",
                        "errors-and-warnings-1");
    }

    @Test
    void linksOutsideCodeAreFoundWithoutTheirTitles() {
        assertThat(GUIDE.links()).containsExactly("commands.md#validate", "../images/a.png");
    }
}
