package io.postmortemsync.postmortem.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ParsedDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Inputs meant to break a parser. Each must give a diagnostic or parse, never throw and never
 * hang. The time limits are hang guards, generous by two orders of magnitude, not speed checks
 * (the benchmark measures speed).
 */
@SuppressWarnings("EnumOrdinal") // picks enum values at random or in turn, by index
class HostileInputTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final PostmortemParser parser = new PostmortemParser(ParseOptions.defaults());
    private final DocumentRewriter rewriter = new DocumentRewriter(ParseOptions.defaults());

    private ParsedDocument parse(byte[] content) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> parser.parse("hostile/INC-1.md", content));
    }

    private ParsedDocument parse(String content) {
        return parse(content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> messages(ParsedDocument parsed) {
        return parsed.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void anEmptyFileIsValidWithTheMissingSectionWarning() {
        ParsedDocument parsed = parse(new byte[0]);
        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.postmortem().incidentId()).isEqualTo("INC-1");
        assertThat(parsed.postmortem().title()).isNull();
        assertThat(messages(parsed)).singleElement().asString().contains("No action items section");
    }

    @Test
    void aBinaryFileIsAnError() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        ParsedDocument parsed = parse(png);
        assertThat(messages(parsed))
                .containsExactly(
                        "hostile/INC-1.md: error: Binary file (it contains NUL bytes), not a Markdown document");
        assertThat(parsed.postmortem().items()).isEmpty();
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheLine() {
        byte[] latin1 = "# T\n\n## Action Items\n- Caf\u00e9 menu [prevent]\n".getBytes(StandardCharsets.ISO_8859_1);
        ParsedDocument parsed = parse(latin1);
        assertThat(messages(parsed))
                .containsExactly(
                        "hostile/INC-1.md:4: error: Not valid UTF-8 text; save the file as UTF-8 (its action items are skipped until then)");
        assertThat(parsed.postmortem().items()).isEmpty();
        // Nothing is written into a file that cannot be decoded and encoded back byte for byte.
        RewriteResult result = rewriter.rewrite(
                "hostile/INC-1.md",
                latin1,
                List.of(ItemChange.status(
                        io.postmortemsync.postmortem.SyncKey.of("INC-1", "Café menu"),
                        io.postmortemsync.postmortem.ItemStatus.COMPLETED)));
        assertThat(result.content()).isEqualTo(latin1);
        assertThat(result.notFound()).hasSize(1);
    }

    @Test
    void unterminatedFrontMatterIsAnErrorAndTheItemsAreSkipped() {
        ParsedDocument parsed = parse("---\nincident: INC-42\n# T\n\n## Action Items\n- Fix it [prevent]\n");
        assertThat(messages(parsed))
                .containsExactly(
                        "hostile/INC-1.md:1: error: Front matter starting at line 1 has no closing '---' line; the document's action items are skipped until it is fixed");
        assertThat(parsed.postmortem().items()).isEmpty();
    }

    @Test
    void invalidYamlFrontMatterIsAnErrorWithItsLine() {
        ParsedDocument parsed =
                parse("---\nincident: INC-42\nservices: [a, b\n---\n# T\n\n## Action Items\n- Fix it [prevent]\n");
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.diagnostics().getFirst().message()).startsWith("Front matter is not valid YAML");
        assertThat(parsed.postmortem().items()).isEmpty();
    }

    @Test
    void frontMatterThatIsNotAMappingIsAnError() {
        assertThat(messages(parse("---\n- a\n- b\n---\n# T\n")))
                .first()
                .asString()
                .contains("error: Front matter must be a mapping of keys to values");
    }

    @Test
    void aYamlAliasBombDoesNotExplode() {
        StringBuilder yaml = new StringBuilder("---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(prev);
            for (int i = 0; i < 8; i++) {
                yaml.append(",*").append(prev);
            }
            yaml.append("]\n");
        }
        yaml.append("---\n# T\n");
        assertThat(parse(yaml.toString()).postmortem().title()).isEqualTo("T");
    }

    @Test
    void aTenMegabyteFileParses() {
        StringBuilder sb = new StringBuilder("# Incident Postmortem: Big\n\n");
        String paragraph =
                "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit, `sed` do eiusmod tempor [incididunt](https://x/y).\n\n";
        while (sb.length() < 10_000_000) {
            sb.append(paragraph);
        }
        sb.append("## Action Items\n- Shrink the document [prevent]\n");
        ParsedDocument parsed = parse(sb.toString());
        assertThat(parsed.postmortem().items())
                .singleElement()
                .extracting(i -> i.action())
                .isEqualTo("Shrink the document");
    }

    @Test
    void aTableOfTenThousandRowsParses() {
        StringBuilder sb = new StringBuilder(
                "# T\n\n## Action Items\n| Action | Type | Owner | Due Date | Status |\n|---|---|---|---|---|\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("| Action number ")
                    .append(i)
                    .append(" | Prevent | @o")
                    .append(i % 7)
                    .append(" | 2025-04-15 | Not Started |\n");
        }
        ParsedDocument parsed = parse(sb.toString());
        assertThat(parsed.postmortem().items()).hasSize(10_000);
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void deeplyNestedListsParse() {
        StringBuilder indented = new StringBuilder("# T\n\n## Action Items\n");
        for (int i = 0; i < 1_000; i++) {
            indented.append("  ".repeat(i)).append("- level ").append(i).append('\n');
        }
        assertThat(parse(indented.toString()).postmortem().items())
                .extracting(i -> i.action())
                .containsExactly("level 0");

        // Past the nesting cap the rest of the line is text; the item has no action of its own.
        String onOneLine = "# T\n\n## Action Items\n" + "- ".repeat(50_000) + "deep\n";
        assertThat(messages(parse(onOneLine))).contains("hostile/INC-1.md:4: error: List item has no action text");

        String quotes = "# T\n\n## Action Items\n" + ">".repeat(50_000) + " deep\n";
        assertThat(parse(quotes).diagnostics()).isNotEmpty();
    }

    @Test
    void deeplyNestedInlineMarkupParses() {
        String emphasis = "*".repeat(20_000) + "x" + "*".repeat(20_000);
        String brackets = "[".repeat(20_000) + "x" + "](u)".repeat(20_000);
        String doc = "# T\n\n## Action Items\n- " + emphasis + " [prevent]\n- " + brackets + " [prevent]\n- `"
                + "`".repeat(10_000) + "\n";
        assertThat(parse(doc)).isNotNull();
    }

    @Test
    void aHugeSingleLineParses() {
        String doc = "# T\n\n## Action Items\n- " + "word ".repeat(200_000) + "[prevent]\n";
        assertThat(parse(doc).postmortem().items()).hasSize(1);
    }

    @Test
    void randomMarkdownNeverThrowsAndRewritingItNeverThrows() {
        Random random = new Random(20261126);
        String[] pieces = {
            "#",
            "## Action Items\n",
            "\n",
            "- ",
            "* ",
            "1. ",
            "[ ] ",
            "[x] ",
            "|",
            "---",
            ":--",
            " ",
            "\t",
            "\r\n",
            "\r",
            "`",
            "*",
            "_",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "!",
            "\\",
            "@bob",
            "due 2025-04-15",
            "(done)",
            "[DONE]",
            "OPS-1",
            "https://j/browse/OPS-2",
            "&amp;",
            "\uFEFF",
            "é",
            "😀",
            "---\n",
            "incident: x\n",
            "Action | Type\n",
            "2025-02-30",
            "  ",
            "    ",
            ">",
            "```\n",
            "~~~",
            "<!--",
            "-->",
            "<br>",
            "Prevent",
            "Status"
        };
        for (int doc = 0; doc < 500; doc++) {
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "## Action Items\n" : "");
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            ParsedDocument parsed = parser.parse("random.md", bytes);
            int n = doc;
            List<ItemChange> changes = parsed.postmortem().items().stream()
                    .map(i -> new ItemChange(
                            i.syncKey(),
                            "OPS-" + (n + 1),
                            "https://j/browse/OPS-" + (n + 1),
                            io.postmortemsync.postmortem.ItemStatus.values()[n % 4]))
                    .toList();
            RewriteResult result = rewriter.rewrite("random.md", bytes, changes);
            assertThat(result.applied().size()
                            + result.unchanged().size()
                            + result.notFound().size())
                    .isEqualTo(changes.size());
        }
    }
}
