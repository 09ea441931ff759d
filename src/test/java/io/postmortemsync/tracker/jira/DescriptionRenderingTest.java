package io.postmortemsync.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.tracker.NewTicket;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Descriptions are data: document text can neither format, link, nor break the request. */
class DescriptionRenderingTest {

    static final String HOSTILE =
            "*bold* _it_ {code}x{code} [click|javascript:alert(1)] !img.png! h1. # -strike- :) (y) \\ | ^sup^ ~sub~ ??cite?? +ins+";

    @Test
    void wikiMarkupEscapesEveryMarkupCharacter() {
        String wiki = WikiRenderer.escape(HOSTILE);

        assertThat(unescape(wiki)).isEqualTo(HOSTILE);
        // No markup character is left unescaped.
        for (int i = 0; i < wiki.length(); i++) {
            char c = wiki.charAt(i);
            if ("*_{}[]|!#-^~?+():".indexOf(c) >= 0) {
                assertThat(wiki.charAt(i - 1))
                        .as("character %d (%s) of %s", i, c, wiki)
                        .isEqualTo('\\');
            } else if (c == '\\') {
                i++; // an escape and the character it escapes
            }
        }
    }

    @Test
    void wikiValuesStayOnOneLineAndLinkTargetsCannotEndTheLink() {
        assertThat(WikiRenderer.escape("line one\nh1. line two")).isEqualTo("line one h1. line two");
        assertThat(WikiRenderer.linkTarget("https://git.example.com/a b|c]d[e{f}"))
                .isEqualTo("https://git.example.com/a%20b%7Cc%5Dd%5Be%7Bf%7D");
    }

    @Test
    void anActionThatOpensWithHeadingOrQuoteMarkupStaysText() {
        for (String action :
                List.of("h1. Big heading https://evil.example/x", "H3. shouting", "bq. quoted", "  h6. indented")) {
            NewTicket t = Fixtures.ticket("INC-1", action, ItemType.PREVENT, "@x", null);
            String wiki = WikiRenderer.render(TicketPreparer.description(t, null, null));
            String firstLine = wiki.lines().findFirst().orElseThrow();
            assertThat(firstLine).as(action).doesNotMatch("(?i)^\\s*(h[1-6]|bq)\\..*");
            assertThat(unescape(firstLine))
                    .as("the reader still sees the action")
                    .isEqualTo(action);
        }
        assertThat(WikiRenderer.guardLineStart("h1. x")).isEqualTo("h1\\. x");
        assertThat(WikiRenderer.guardLineStart("h7. x")).as("not a heading").isEqualTo("h7. x");
        assertThat(WikiRenderer.guardLineStart("the h1. in the middle")).isEqualTo("the h1. in the middle");
    }

    @Test
    void adfKeepsTextInTextNodesAndLinksInMarks() {
        NewTicket t = Fixtures.ticket("INC-1", HOSTILE, ItemType.DETECT, "@x", LocalDate.parse("2025-01-01"));
        ObjectNode adf = AdfRenderer.render(TicketPreparer.description(t, null, null));

        assertThat(adf.path("type").asText()).isEqualTo("doc");
        assertThat(adf.path("version").asInt()).isEqualTo(1);
        List<JsonNode> texts = new ArrayList<>();
        collectTexts(adf, texts);
        assertThat(texts).allSatisfy(n -> assertThat(n.path("text").asText()).isNotEmpty());
        assertThat(texts).anySatisfy(n -> assertThat(n.path("text").asText()).isEqualTo(HOSTILE));
        assertThat(texts)
                .filteredOn(n -> n.has("marks")
                        && n.path("marks").get(0).path("type").asText().equals("link"))
                .singleElement()
                .satisfies(n -> assertThat(n.path("marks")
                                .get(0)
                                .path("attrs")
                                .path("href")
                                .asText())
                        .isEqualTo("https://git.example.com/acme/postmortems/blob/main/postmortems/inc-1.md"));
    }

    @Test
    void aDocumentLinkThatIsNotAWebUrlStaysText() {
        NewTicket t = new NewTicket(
                Fixtures.postmortem("INC-1"),
                Fixtures.ticket("INC-1", "a", ItemType.PREVENT, null, null).item(),
                "javascript:alert(1)");
        ObjectNode adf = AdfRenderer.render(TicketPreparer.description(t, null, null));
        assertThat(adf.toString()).doesNotContain("\"link\"").contains("postmortems/inc-1.md");
        assertThat(WikiRenderer.render(TicketPreparer.description(t, null, null)))
                .doesNotContain("javascript");
    }

    @Test
    void summariesAreCutAtAMultiByteBoundary() {
        String emoji = "😀";
        String action = "a".repeat(253) + emoji + "tail";
        String summary = TicketPreparer.summary(action);
        assertThat(summary.length()).isLessThanOrEqualTo(255);
        assertThat(summary).endsWith("…");
        assertThat(Character.isHighSurrogate(summary.charAt(summary.length() - 2)))
                .isFalse();
        assertThat(TicketPreparer.summary("  many   spaces\tand\nlines ")).isEqualTo("many spaces and lines");
        assertThat(TicketPreparer.summary("x".repeat(255))).hasSize(255).doesNotEndWith("…");
    }

    private static void collectTexts(JsonNode node, List<JsonNode> out) {
        if ("text".equals(node.path("type").asText())) {
            out.add(node);
        }
        node.path("content").forEach(c -> collectTexts(c, out));
    }

    private static String unescape(String wiki) {
        return wiki.replaceAll("\\\\(.)", "$1");
    }
}
