package io.postmortemsync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together: a short README for users that leads to every file under
 * {@code docs/}, and no link that leads nowhere.
 */
class DocumentationTest {

    /** The README is the front page; everything else lives in docs/. */
    private static final int README_MAX_LINES = 300;

    /** The README, the project files next to it, and every file under docs/. */
    private static List<MarkdownFile> documents() throws IOException {
        List<MarkdownFile> documents = new ArrayList<>();
        for (Path folder : List.of(Path.of(""), MarkdownFile.DOCS)) {
            try (Stream<Path> files = Files.list(folder.toAbsolutePath())) {
                files.filter(f -> f.getFileName().toString().endsWith(".md"))
                        .sorted()
                        .forEach(f -> documents.add(MarkdownFile.read(folder.resolve(f.getFileName()))));
            }
        }
        return documents;
    }

    @Test
    void theReadmeStaysShort() {
        assertThat(MarkdownFile.readme().lines()).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void theReadmeLinksEveryDocumentUnderDocs() throws IOException {
        List<String> links = MarkdownFile.readme().links();
        for (MarkdownFile document : documents()) {
            if (document.path().startsWith(MarkdownFile.DOCS)) {
                assertThat(links)
                        .as("README links to %s", document.path())
                        .contains("docs/" + document.path().getFileName());
            }
        }
    }

    @Test
    void everyRelativeLinkFindsItsFileAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (MarkdownFile document : documents()) {
            for (String link : document.links()) {
                if (link.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto: - not followed without a network
                }
                checked++;
                problem(document, link).ifPresent(p -> broken.add(document.path() + " links to " + link + ": " + p));
            }
        }
        assertThat(broken).isEmpty();
        assertThat(checked).as("relative links checked").isGreaterThan(100);
    }

    private static Optional<String> problem(MarkdownFile document, String link) {
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty()
                ? document.path()
                : document.path().resolveSibling(file).normalize();
        if (target.startsWith("..")) {
            return Optional.of("outside the project");
        }
        if (!Files.exists(target)) {
            return Optional.of("no such file");
        }
        if (hash < 0) {
            return Optional.empty();
        }
        if (!target.toString().endsWith(".md")) {
            return Optional.of("an anchor in a file that is not Markdown");
        }
        String anchor = link.substring(hash + 1);
        return MarkdownFile.read(target).anchors().contains(anchor)
                ? Optional.empty()
                : Optional.of("no heading #" + anchor);
    }

    @Test
    void theDocumentationCitesNoFileOutsideTheProject() throws IOException {
        for (MarkdownFile document : documents()) {
            assertThat(String.join("\n", document.lines()))
                    .as(document.path().toString())
                    .doesNotContain("DESIGN.md");
        }
    }
}
