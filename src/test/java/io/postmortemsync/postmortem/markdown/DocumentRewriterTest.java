package io.postmortemsync.postmortem.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.SyncKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DocumentRewriterTest {

    private static final String FILE = "pm/INC-1.md";
    private static final ParseOptions OPTIONS = new ParseOptions(ItemType.PREVENT, "https://jira.example.com");

    private final DocumentRewriter rewriter = new DocumentRewriter(OPTIONS);
    private final PostmortemParser parser = new PostmortemParser(OPTIONS);

    private static String url(String key) {
        return "https://jira.example.com/browse/" + key;
    }

    private static SyncKey key(String action) {
        return SyncKey.of("INC-1", action);
    }

    private static ItemChange ticket(String action, String ticket) {
        return ItemChange.ticket(key(action), ticket, url(ticket));
    }

    private static ItemChange status(String action, ItemStatus status) {
        return ItemChange.status(key(action), status);
    }

    private RewriteResult rewrite(String document, ItemChange... changes) {
        return rewriter.rewrite(FILE, document.getBytes(StandardCharsets.UTF_8), List.of(changes));
    }

    private String rewritten(String document, ItemChange... changes) {
        return new String(rewrite(document, changes).content(), StandardCharsets.UTF_8);
    }

    private List<ActionItem> items(String document) {
        return parser.parse(FILE, document.getBytes(StandardCharsets.UTF_8))
                .postmortem()
                .items();
    }

    @Nested
    class Tables {

        @Test
        void aTicketAppendsATicketColumnToATableWithoutOne() {
            String after = rewritten(
                    PostmortemParserTest.TEMPLATE, ticket("Increase default connection pool size", "OPS-123"));
            assertThat(after)
                    .isEqualTo(PostmortemParserTest.TEMPLATE
                            .replace(
                                    "| Action | Type | Owner | Due Date | Status |\n",
                                    "| Action | Type | Owner | Due Date | Status | Ticket |\n")
                            .replace(
                                    "|--------|------|-------|----------|--------|\n",
                                    "|--------|------|-------|----------|--------|--------|\n")
                            .replace(
                                    "| In Progress |\n",
                                    "| In Progress | [OPS-123](https://jira.example.com/browse/OPS-123) |\n")
                            .replace("| Not Started |\n", "| Not Started |  |\n"));
            assertThat(items(after).getFirst().ticket()).isEqualTo("OPS-123");
        }

        @Test
        void severalTicketsShareOneNewColumn() {
            String after = rewritten(
                    PostmortemParserTest.TEMPLATE,
                    ticket("Increase default connection pool size", "OPS-1"),
                    ticket("Add monitoring for connection pool utilization", "OPS-2"));
            assertThat(items(after)).extracting(ActionItem::ticket).containsExactly("OPS-1", "OPS-2");
            assertThat(after).contains("| Status | Ticket |\n").doesNotContain("| Ticket | Ticket |");
        }

        @Test
        void theStatusCellGetsTheCanonicalTextAndKeepsItsWidth() {
            String after = rewritten(
                    PostmortemParserTest.TEMPLATE,
                    status("Increase default connection pool size", ItemStatus.COMPLETED));
            assertThat(after)
                    .isEqualTo(PostmortemParserTest.TEMPLATE.replace(
                            "| 2025-04-15 | In Progress |", "| 2025-04-15 | Completed   |"));
        }

        @Test
        void ticketCellsAreFilledReplacedOrExtended() {
            String before = """
                    # T
                    ## Action Items
                    | Action | Type | Status | Bug |
                    |---|---|---|---|
                    | Empty cell | Prevent | Done |      |
                    | Placeholder | Prevent | Done | - |
                    | Moved ticket | Prevent | Done | [OPS-1](https://jira.example.com/browse/OPS-1) |
                    | Bare key | Prevent | Done | OPS-2 |
                    | GitHub issue | Prevent | Done | https://github.com/acme/api/issues/7 |
                    | Same ticket | Prevent | Done | OPS-3 |
                    """;
            RewriteResult result = rewrite(
                    before,
                    ticket("Empty cell", "OPS-10"),
                    ticket("Placeholder", "OPS-11"),
                    ticket("Moved ticket", "NEW-1"),
                    ticket("Bare key", "NEW-2"),
                    ticket("GitHub issue", "OPS-12"),
                    ticket("Same ticket", "OPS-3"));
            assertThat(new String(result.content(), StandardCharsets.UTF_8)).isEqualTo("""
                    # T
                    ## Action Items
                    | Action | Type | Status | Bug |
                    |---|---|---|---|
                    | Empty cell | Prevent | Done | [OPS-10](https://jira.example.com/browse/OPS-10) |
                    | Placeholder | Prevent | Done | [OPS-11](https://jira.example.com/browse/OPS-11) |
                    | Moved ticket | Prevent | Done | [NEW-1](https://jira.example.com/browse/NEW-1) |
                    | Bare key | Prevent | Done | [NEW-2](https://jira.example.com/browse/NEW-2) |
                    | GitHub issue | Prevent | Done | https://github.com/acme/api/issues/7 [OPS-12](https://jira.example.com/browse/OPS-12) |
                    | Same ticket | Prevent | Done | OPS-3 |
                    """);
            assertThat(result.applied()).hasSize(5);
            assertThat(result.unchanged()).extracting(ItemChange::ticketKey).containsExactly("OPS-3");
        }

        @Test
        void withoutAStatusColumnNoneIsAdded() {
            String before = "# T\n## Action Items\n| Action | Type |\n|---|---|\n| Fix it | Prevent |\n";
            RewriteResult result = rewrite(before, status("Fix it", ItemStatus.COMPLETED));
            assertThat(result.content()).isEqualTo(before.getBytes(StandardCharsets.UTF_8));
            assertThat(result.applied()).isEmpty();
            assertThat(result.unchanged()).hasSize(1);
        }

        @Test
        void tablesWithoutOuterPipesGetCellsTheSameWay() {
            String before = "# T\n## Action Items\nAction | Type | Status\n--- | --- | ---\nFix it | Prevent | todo\n";
            String after =
                    rewritten(before, new ItemChange(key("Fix it"), "OPS-5", url("OPS-5"), ItemStatus.IN_PROGRESS));
            assertThat(after)
                    .isEqualTo(
                            "# T\n## Action Items\nAction | Type | Status | Ticket\n--- | --- | --- | ------\nFix it | Prevent | In Progress | [OPS-5](https://jira.example.com/browse/OPS-5)\n");
        }

        @Test
        void pipesInInsertedTextAreEscaped() {
            String before = "# T\n## Action Items\n| Action | Type | Ticket |\n|---|---|---|\n| Fix it | Prevent | |\n";
            String after = rewritten(
                    before, ItemChange.ticket(key("Fix it"), "OPS-5", "https://jira.example.com/browse/OPS-5?a|b"));
            assertThat(after).contains("| [OPS-5](https://jira.example.com/browse/OPS-5?a\\|b) |");
            assertThat(items(after).getFirst().action()).isEqualTo("Fix it");
        }

        @Test
        void otherRowsEvenBadOnesStayAsTheyWere() {
            String before =
                    "# T\n## Action Items\n| Action | Type | Status |\n|:--|:-:|--:|\n| Fix it | Prevent | todo |\n| Broken | Prevent | Blocked |\n|  |  |  |\n";
            String after = rewritten(before, status("Fix it", ItemStatus.DEFERRED));
            assertThat(after).isEqualTo(before.replace("| todo |", "| Deferred |"));
        }
    }

    @Nested
    class Lists {

        @Test
        void aTaskItemGetsItsLinkAndItsCheckbox() {
            String before = "# T\n## Action Items\n- [ ] Load-test the login path @hana (due: 2023-02-15)\n";
            String after = rewritten(
                    before,
                    new ItemChange(key("Load-test the login path"), "OPS-1", url("OPS-1"), ItemStatus.COMPLETED));
            assertThat(after)
                    .isEqualTo(
                            "# T\n## Action Items\n- [x] Load-test the login path @hana (due: 2023-02-15) ([OPS-1](https://jira.example.com/browse/OPS-1))\n");
            assertThat(items(after)).singleElement().satisfies(i -> {
                assertThat(i.ticket()).isEqualTo("OPS-1");
                assertThat(i.status()).isEqualTo(ItemStatus.COMPLETED);
                assertThat(i.owner()).isEqualTo("@hana");
            });
        }

        @Test
        void uncheckingAndMarkers() {
            String before = """
                    # T
                    ## Action Items
                    - [x] Checked one
                    * [DONE] Bracket marker
                    1. Paren marker (in progress)
                    - Plain item
                    - [ ] Task item
                    - ✅ Emoji item
                    - TODO: Word item
                    """;
            String after = rewritten(
                    before,
                    status("Checked one", ItemStatus.NOT_STARTED),
                    status("Bracket marker", ItemStatus.IN_PROGRESS),
                    status("Paren marker", ItemStatus.COMPLETED),
                    status("Plain item", ItemStatus.DEFERRED),
                    status("Task item", ItemStatus.IN_PROGRESS),
                    status("Emoji item", ItemStatus.IN_PROGRESS),
                    status("Word item", ItemStatus.COMPLETED));
            assertThat(after).isEqualTo("""
                    # T
                    ## Action Items
                    - [ ] Checked one
                    * [IN PROGRESS] Bracket marker
                    1. Paren marker (done)
                    - Plain item (deferred)
                    - [ ] Task item (in progress)
                    - 🔄 Emoji item
                    - DONE: Word item
                    """);
            assertThat(items(after))
                    .extracting(ActionItem::status)
                    .containsExactly(
                            ItemStatus.NOT_STARTED,
                            ItemStatus.IN_PROGRESS,
                            ItemStatus.COMPLETED,
                            ItemStatus.DEFERRED,
                            ItemStatus.IN_PROGRESS,
                            ItemStatus.IN_PROGRESS,
                            ItemStatus.COMPLETED);
        }

        @Test
        void aWrappedItemGetsItsLinkOnTheFirstLineAndItsMarkerAtTheEnd() {
            String before = "# T\n## Action Items\n- Write end-to-end tests  \n  for every deploy\n  - a nested note\n";
            String after = rewritten(
                    before,
                    new ItemChange(
                            key("Write end-to-end tests for every deploy"),
                            "OPS-9",
                            url("OPS-9"),
                            ItemStatus.IN_PROGRESS));
            assertThat(after)
                    .isEqualTo(
                            "# T\n## Action Items\n- Write end-to-end tests ([OPS-9](https://jira.example.com/browse/OPS-9))  \n  for every deploy (in progress)\n  - a nested note\n");
        }

        @Test
        void anOlderTicketLinkIsReplaced() {
            String before =
                    "# T\n## Action Items\n- Fix it ([OPS-1](https://jira.example.com/browse/OPS-1)) [prevent]\n";
            assertThat(rewritten(before, ticket("Fix it", "OPS-2")))
                    .isEqualTo(
                            "# T\n## Action Items\n- Fix it ([OPS-2](https://jira.example.com/browse/OPS-2)) [prevent]\n");
        }

        @Test
        void aBareKeyOfAConfiguredProjectIsReplaced() {
            DocumentRewriter withProjects = new DocumentRewriter(OPTIONS.withProjectKeys(Set.of("OPS")));
            String before = "# T\n## Action Items\n- Fix it (OPS-1)\n";
            RewriteResult result = withProjects.rewrite(
                    FILE, before.getBytes(StandardCharsets.UTF_8), List.of(ticket("Fix it", "OPS-2")));
            assertThat(new String(result.content(), StandardCharsets.UTF_8))
                    .isEqualTo("# T\n## Action Items\n- Fix it ([OPS-2](https://jira.example.com/browse/OPS-2))\n");
        }
    }

    @Nested
    class Bytes {

        @Test
        void crlfBomTabsUnicodeAndAMissingFinalNewlineSurvive() {
            String body =
                    "# Tïtle 😀\r\n\r\n## Action Items\r\n|\tAction\t| Type |  Status  |\r\n|---|---|---|\r\n| Fix ümlauts\t| Prevent |  todo  |\r\n| Other 😀 | Detect | done |";
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] bytes = concat(bom, body.getBytes(StandardCharsets.UTF_8));
            RewriteResult result = rewriter.rewrite(FILE, bytes, List.of(status("Fix ümlauts", ItemStatus.COMPLETED)));
            byte[] expected = concat(
                    bom, body.replace("|  todo  |\r\n", "|  Completed |\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(new String(result.content(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(result.content()).isEqualTo(expected);
        }

        @Test
        void unknownAndUnchangedChangesLeaveTheBytesAlone() {
            byte[] before = PostmortemParserTest.TEMPLATE.getBytes(StandardCharsets.UTF_8);
            RewriteResult result = rewriter.rewrite(
                    "pm/INC-1.md",
                    before,
                    List.of(
                            status("No such action", ItemStatus.COMPLETED),
                            status("Add monitoring for connection pool utilization", ItemStatus.NOT_STARTED)));
            assertThat(result.content()).isEqualTo(before);
            assertThat(result.changed()).isFalse();
            assertThat(result.notFound()).hasSize(1);
            assertThat(result.unchanged()).hasSize(1);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The sync engine reads a document once and writes it back from that read when its bytes did not change. */
    @Nested
    class FromAnEarlierRead {

        private final byte[] original = PostmortemParserTest.TEMPLATE.getBytes(StandardCharsets.UTF_8);
        private final List<ItemChange> changes = List.of(
                ticket("Increase default connection pool size", "OPS-7"),
                status("Add monitoring for connection pool utilization", ItemStatus.COMPLETED));

        @Test
        void theSameBytesGiveTheSameResultAsARewriteThatReadsThemItself() {
            DocumentRewriter.Read read = rewriter.read(FILE, original);

            assertThat(read.parsed()).isEqualTo(parser.parse(FILE, original));
            RewriteResult result = rewriter.rewrite(read, original, changes);
            RewriteResult direct = rewriter.rewrite(FILE, original, changes);
            assertThat(result.content()).isEqualTo(direct.content());
            assertThat(result.applied()).containsExactlyElementsOf(direct.applied());
        }

        @Test
        void aDocumentEditedSinceTheReadIsReadAgainAndThePersonsEditSurvives() {
            DocumentRewriter.Read read = rewriter.read(FILE, original);
            // A person lengthens an earlier line: every offset the read knows is now wrong.
            String edited = PostmortemParserTest.TEMPLATE.replace(
                    "The pool was too small.", "The pool was far too small for the peak.");
            byte[] now = edited.getBytes(StandardCharsets.UTF_8);

            RewriteResult result = rewriter.rewrite(read, now, changes);

            assertThat(result.content())
                    .isEqualTo(rewriter.rewrite(FILE, now, changes).content());
            String text = new String(result.content(), StandardCharsets.UTF_8);
            assertThat(text)
                    .contains("The pool was far too small for the peak.")
                    .contains("[OPS-7](https://jira.example.com/browse/OPS-7)")
                    .contains("| @bob | 2025-04-20 | Completed   |");
        }

        @Test
        void theReadKeepsItsOwnCopyOfTheBytes() {
            byte[] bytes = original.clone();
            DocumentRewriter.Read read = rewriter.read(FILE, bytes);
            int at = PostmortemParserTest.TEMPLATE.indexOf("too small");
            bytes[at] = 'T'; // the caller's array changes after the read

            RewriteResult result = rewriter.rewrite(read, bytes, changes);

            assertThat(result.content())
                    .isEqualTo(rewriter.rewrite(FILE, bytes, changes).content());
            assertThat(new String(result.content(), StandardCharsets.UTF_8)).contains("The pool was Too small.");
        }
    }
}
