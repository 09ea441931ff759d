package io.postmortemsync.postmortem.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Write-back as a property over many generated documents (tables and lists in their many
 * spellings, CRLF, BOMs, tabs, padding, Unicode, missing final newlines): after
 * {@code rewrite(doc, changes)}, reading the result shows exactly the changes and nothing else,
 * and a byte diff touches only the lines of changed items (all lines of a table that gained a
 * Ticket column), and in table rows only the changed cells.
 */
@SuppressWarnings("EnumOrdinal") // picks enum values at random or in turn, by index
class RewritePropertyTest {

    /** More documents or another seed for a long local run: -Drewrite.documents=20000 -Drewrite.seed=1. */
    private static final int DOCUMENTS = Integer.getInteger("rewrite.documents", 400);

    private static final long SEED = Long.getLong("rewrite.seed", 7_2026_11_26L);
    private static final String TRACKER = "https://jira.example.com";
    private static final ParseOptions OPTIONS = new ParseOptions(ItemType.PREVENT, TRACKER);

    private final PostmortemParser parser = new PostmortemParser(OPTIONS);
    private final DocumentRewriter rewriter = new DocumentRewriter(OPTIONS);

    @Test
    void rewritingShowsExactlyTheChangesAndTouchesNothingElse() {
        Random random = new Random(SEED);
        int changesChecked = 0;
        for (int n = 0; n < DOCUMENTS; n++) {
            Generated doc = Generator.document(random, n);
            changesChecked += check(doc, random, n);
        }
        assertThat(changesChecked).isGreaterThan(DOCUMENTS); // the generator really produced work
    }

    private int check(Generated doc, Random random, int n) {
        String file = "gen/doc-" + n + ".md";
        ParsedDocument before = parser.parse(file, doc.bytes());
        List<ActionItem> items = before.postmortem().items();
        assertThat(items)
                .as("document %d reads as generated:%n%s%n%s", n, doc.text(), before.diagnostics())
                .hasSize(doc.items().size());

        Map<ActionItem, ItemChange> changes = new HashMap<>();
        List<ItemChange> changeList = new ArrayList<>();
        for (ActionItem item : items) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            String ticket = random.nextInt(5) < 3
                    ? (random.nextInt(6) == 0 && item.ticket() != null
                            ? item.ticket()
                            : "OPS-" + (1000 + random.nextInt(9000)))
                    : null;
            ItemStatus status = ticket == null || random.nextBoolean() ? ItemStatus.values()[random.nextInt(4)] : null;
            ItemChange change = new ItemChange(
                    item.syncKey(), ticket, ticket == null ? null : TRACKER + "/browse/" + ticket, status);
            changes.put(item, change);
            changeList.add(change);
        }
        Collections.shuffle(changeList, random);

        RewriteResult result = rewriter.rewrite(file, doc.bytes(), changeList);
        String message = "document " + n + ":\n" + doc.text() + "\n--- became ---\n"
                + new String(result.content(), StandardCharsets.UTF_8);
        assertThat(result.notFound()).as(message).isEmpty();
        // Starting from an earlier read of the same bytes (as the sync engine does) changes nothing in the result.
        DocumentRewriter.Read read = rewriter.read(file, doc.bytes());
        assertThat(read.parsed()).as(message).isEqualTo(before);
        RewriteResult fromRead = rewriter.rewrite(read, doc.bytes(), changeList);
        assertThat(fromRead.content()).as(message).isEqualTo(result.content());
        assertThat(fromRead.applied()).isEqualTo(result.applied());
        assertThat(fromRead.unchanged()).isEqualTo(result.unchanged());
        assertThat(result.applied().size() + result.unchanged().size()).isEqualTo(changeList.size());

        // Reading the result shows exactly the changes.
        ParsedDocument after = parser.parse(file, result.content());
        assertThat(after.postmortem().items()).as(message).hasSize(items.size());
        assertThat(after.diagnostics().stream().filter(d -> d.isError()).count())
                .as(message)
                .isEqualTo(
                        before.diagnostics().stream().filter(d -> d.isError()).count());
        Set<Integer> changedLines = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ActionItem was = items.get(i);
            ActionItem is = after.postmortem().items().get(i);
            ItemChange change = changes.get(was);
            GenItem gen = doc.items().get(i);
            String ticket = change != null && change.ticketKey() != null ? change.ticketKey() : was.ticket();
            boolean statusShown = !gen.table() || gen.statusColumn() >= 0;
            ItemStatus status =
                    change != null && change.status() != null && statusShown ? change.status() : was.status();
            assertThat(is)
                    .as(message)
                    .isEqualTo(new ActionItem(
                            was.line(),
                            was.action(),
                            was.type(),
                            was.owner(),
                            was.dueDate(),
                            status,
                            ticket,
                            was.syncKey()));
            if (!is.equals(was)) {
                if (gen.table() && gen.ticketColumn() < 0 && !java.util.Objects.equals(ticket, was.ticket())) {
                    for (int line = gen.tableFirstLine(); line <= gen.tableLastLine(); line++) {
                        changedLines.add(line);
                    }
                }
                for (int line = gen.firstLine(); line <= gen.lastLine(); line++) {
                    changedLines.add(line);
                }
            }
        }

        // A byte diff touches only the changed items' lines; line endings and everything else stay.
        List<String[]> oldLines = Lines.split(doc.text());
        String newText = new String(result.content(), StandardCharsets.UTF_8);
        List<String[]> newLines = Lines.split(doc.bom() ? newText.substring(1) : newText);
        assertThat(newLines).as(message).hasSameSizeAs(oldLines);
        for (int line = 0; line < oldLines.size(); line++) {
            String[] was = oldLines.get(line);
            String[] is = newLines.get(line);
            assertThat(is[1])
                    .as("line ending of line %d in %s", line + 1, message)
                    .isEqualTo(was[1]);
            if (!changedLines.contains(line)) {
                assertThat(is[0])
                        .as("unchanged line %d in %s", line + 1, message)
                        .isEqualTo(was[0]);
            }
        }
        // Within a changed table row, only the Status and Ticket cells changed (and a cell may have been appended).
        for (int i = 0; i < items.size(); i++) {
            GenItem gen = doc.items().get(i);
            if (!gen.table()) {
                continue;
            }
            for (int line = gen.tableFirstLine(); line <= gen.tableLastLine(); line++) {
                String oldRow = oldLines.get(line)[0];
                String newRow = newLines.get(line)[0];
                RowCells oldCells = RowCells.split(oldRow);
                RowCells newCells = RowCells.split(newRow);
                assertThat(newCells.count()).as(message).isBetween(oldCells.count(), oldCells.count() + 1);
                for (int c = 0; c < oldCells.count(); c++) {
                    if (line == gen.firstLine() && (c == gen.statusColumn() || c == gen.ticketColumn())) {
                        continue;
                    }
                    if (line != gen.firstLine() && doc.itemLines().contains(line)) {
                        continue; // another item's row, checked in its own turn
                    }
                    String was = cell(oldRow, oldCells, c);
                    String is = cell(newRow, newCells, c);
                    if (c == oldCells.count() - 1 && !oldCells.trailingPipe()) {
                        is = is.stripTrailing(); // a cell appended after it turns the line's trailing blanks
                        // into its padding
                    }
                    assertThat(is)
                            .as("cell %d of line %d in %s", c, line + 1, message)
                            .isEqualTo(was);
                }
            }
        }
        assertThat(result.content().length > 0 && result.content()[0] == (byte) 0xEF)
                .isEqualTo(doc.bom());
        return changeList.size();
    }

    private static String cell(String row, RowCells cells, int index) {
        RowCells.Cell cell = cells.cells().get(index);
        return row.substring(cell.start(), cell.end());
    }

    /** A generated document and what the generator put where. */
    record Generated(String text, boolean bom, List<GenItem> items) {

        byte[] bytes() {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            if (!bom) {
                return body;
            }
            byte[] out = new byte[body.length + 3];
            out[0] = (byte) 0xEF;
            out[1] = (byte) 0xBB;
            out[2] = (byte) 0xBF;
            System.arraycopy(body, 0, out, 3, body.length);
            return out;
        }

        Set<Integer> itemLines() {
            Set<Integer> lines = new HashSet<>();
            items.forEach(i -> lines.add(i.firstLine()));
            return lines;
        }
    }

    /**
     * Where an item is: its lines (0-based) and, in a table, the table's lines and the indexes of
     * its Status and Ticket columns (-1 when absent).
     */
    record GenItem(
            boolean table,
            int firstLine,
            int lastLine,
            int tableFirstLine,
            int tableLastLine,
            int statusColumn,
            int ticketColumn) {}

    /** Lines with their terminators, split exactly as the parser splits them. */
    static final class Lines {
        static List<String[]> split(String text) {
            List<String[]> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    int end = i;
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    lines.add(new String[] {text.substring(start, end), text.substring(end, i + 1)});
                    start = i + 1;
                }
            }
            if (start < text.length()) {
                lines.add(new String[] {text.substring(start), ""});
            }
            return lines;
        }
    }

    /** Builds random but valid postmortems, remembering where each item is. */
    static final class Generator {

        private static final String[] WORDS = {
            "rotate",
            "the",
            "keys",
            "für",
            "naïve",
            "queue",
            "UTF-8",
            "SHA-256",
            "caché",
            "pool",
            "retry",
            "budget",
            "日本",
            "😀",
            "alerts",
            "(see docs)",
            "x86_64",
            "p99",
            "latency",
            "COVID-19",
            "a/b",
            "50%",
            "etc.",
            "on-call",
            "TLS",
            "runbook"
        };
        private static final String[][] HEADERS = {
            {"Action", "Action Item", "Item", "Task", "Description", "Follow-up"},
            {"Type", "Category", "Kind"},
            {"Owner", "Assignee", "Who", "Responsible"},
            {"Due Date", "Due", "Deadline", "Target Date", "Expected Date"},
            {"Status", "State"},
            {"Ticket", "Issue", "Jira", "Tracking", "Link", "Bug"},
            {"Priority", "Notes"}
        };
        private static final String[] TYPES = {
            "Prevent", "detect", "RESPOND", "Mitigation", "Monitoring", "Process", "Runbook", ""
        };
        private static final String[] STATUSES = {
            "Not Started", "todo", "In Progress", "wip", "Done", "COMPLETED", "closed", "Deferred", "won't do", ""
        };
        private static final String[] DATES = {
            "2025-04-15", "15 Apr 2025", "Apr 15, 2025", "April 15, 2025", "", "2027-01-31"
        };

        private final Random random;
        private final List<String> lines = new ArrayList<>();
        private final List<GenItem> items = new ArrayList<>();
        private int counter;

        private Generator(Random random) {
            this.random = random;
        }

        static Generated document(Random random, int n) {
            Generator g = new Generator(random);
            boolean bom = random.nextInt(8) == 0;
            String text = g.build(n);
            return new Generated(text, bom, List.copyOf(g.items));
        }

        private String build(int n) {
            if (random.nextInt(3) == 0) {
                add("---");
                add("incident: INC-" + n);
                add("---");
            }
            add("# Incident Postmortem: Generated " + n + " " + word());
            add("");
            add("## Incident Summary");
            add("- **Severity**: P" + (1 + random.nextInt(4)));
            add("- **Service(s) Affected**: api, " + word() + trailingBlanks());
            add("");
            add("Some prose with\ttabs, " + word() + " and trailing spaces" + trailingBlanks());
            add("");
            add(random.nextBoolean() ? "## Action Items" : "### Corrective actions:");
            add("");
            int blocks = 1 + random.nextInt(2);
            boolean tables = random.nextInt(5) < 3;
            for (int b = 0; b < blocks; b++) {
                if (tables) {
                    table();
                } else {
                    list();
                }
                add("");
            }
            add("## Lessons Learned");
            add("- Be " + word() + trailingBlanks());
            String newline = random.nextInt(3) == 0 ? "\r\n" : "\n";
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                sb.append(lines.get(i));
                if (i < lines.size() - 1 || random.nextInt(4) > 0) {
                    sb.append(random.nextInt(40) == 0 ? (newline.equals("\n") ? "\r\n" : "\n") : newline);
                }
            }
            return sb.toString();
        }

        private void table() {
            List<Integer> columns = new ArrayList<>(List.of(0));
            for (int c = 1; c < HEADERS.length; c++) {
                if (random.nextInt(3) > 0) {
                    columns.add(c);
                }
            }
            Collections.shuffle(columns, random);
            // 0 both pipes, 1 no outer pipes, 2 leading pipe only (a one-column table needs a pipe to be a table)
            int style = columns.size() == 1 ? 0 : random.nextInt(3);
            String pad = random.nextInt(4) == 0 ? "" : " ";
            int first = lines.size();
            List<String> header = new ArrayList<>();
            List<String> delimiter = new ArrayList<>();
            for (int c : columns) {
                String name = HEADERS[c][random.nextInt(HEADERS[c].length)];
                header.add(random.nextInt(6) == 0 ? "**" + name + "**" : name);
                delimiter.add(new String[] {"---", ":--", "--:", ":-:", "-------"}[random.nextInt(5)]);
            }
            add(row(header, style, pad));
            add(row(delimiter, style, pad));
            int rows = 1 + random.nextInt(6);
            List<Integer> itemRows = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                List<String> cells = new ArrayList<>();
                boolean bad = random.nextInt(12) == 0;
                for (int c : columns) {
                    cells.add(
                            switch (c) {
                                case 0 -> action();
                                case 1 -> TYPES[random.nextInt(TYPES.length)];
                                case 2 -> random.nextBoolean() ? "@" + word().replaceAll("[^a-z]", "") + "x" : "";
                                case 3 -> DATES[random.nextInt(DATES.length)];
                                case 4 -> bad ? "Blocked" : STATUSES[random.nextInt(STATUSES.length)];
                                case 5 ->
                                    new String[] {
                                                "",
                                                "-",
                                                "[OPS-7](" + TRACKER + "/browse/OPS-7)",
                                                "OPS-8",
                                                "https://github.com/acme/x/issues/9"
                                            }
                                            [random.nextInt(5)];
                                default -> "P" + random.nextInt(3) + (random.nextBoolean() ? " \\| note" : "");
                            });
                }
                if (bad && !columns.contains(4)) {
                    bad = false;
                }
                if (!bad) {
                    itemRows.add(lines.size());
                }
                add(row(cells, style, random.nextInt(5) == 0 ? "  " : pad) + (random.nextInt(6) == 0 ? " \t " : ""));
            }
            int last = lines.size() - 1;
            for (int line : itemRows) {
                items.add(new GenItem(true, line, line, first, last, columns.indexOf(4), columns.indexOf(5)));
            }
        }

        private String row(List<String> cells, int style, String pad) {
            StringBuilder sb = new StringBuilder();
            if (style != 1) {
                sb.append('|');
            }
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    sb.append('|');
                }
                // Without an outer pipe an empty first or last cell cannot be written (GFM reads
                // the pipe next to it as the outer one), so such tables use a placeholder.
                boolean outer = (i == 0 && style == 1) || (i == cells.size() - 1 && style != 0);
                String cell = cells.get(i).isEmpty() && outer ? "-" : cells.get(i);
                sb.append(pad).append(cell).append(random.nextInt(5) == 0 ? "\t" : pad);
            }
            if (style == 0) {
                sb.append('|');
            }
            return sb.toString();
        }

        private void list() {
            boolean numbered = random.nextInt(4) == 0;
            char bullet = "-*+".charAt(random.nextInt(3));
            boolean loose = random.nextInt(4) == 0;
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                int first = lines.size();
                String marker = numbered ? (i + 1) + ". " : bullet + " ";
                String indent = " ".repeat(marker.length());
                StringBuilder text = new StringBuilder();
                if (random.nextInt(3) == 0) {
                    text.append(random.nextBoolean() ? "[ ] " : "[x] ");
                }
                int leading = random.nextInt(8);
                if (leading == 0) {
                    text.append("[DONE] ");
                } else if (leading == 1) {
                    text.append("✅ ");
                } else if (leading == 2) {
                    text.append("TODO: ");
                }
                text.append(action());
                if (random.nextInt(3) == 0) {
                    text.append(" @").append(word().replaceAll("[^a-z]", "")).append("y");
                }
                if (random.nextInt(3) == 0) {
                    text.append(random.nextBoolean() ? " (due: " : " due ").append(DATES[random.nextInt(4)]);
                    if (text.indexOf("(due: ") >= 0 && text.charAt(text.length() - 1) != ')') {
                        text.append(')');
                    }
                }
                if (random.nextInt(3) == 0) {
                    text.append(" [")
                            .append(new String[] {"prevent", "detect", "respond", "Repair"}[random.nextInt(4)])
                            .append(']');
                }
                if (random.nextInt(4) == 0) {
                    text.append(" ([OPS-")
                            .append(random.nextInt(50) + 1)
                            .append("](")
                            .append(TRACKER)
                            .append("/browse/OPS-")
                            .append(random.nextInt(50) + 1)
                            .append("))");
                }
                if (leading > 2 && random.nextInt(4) == 0) {
                    text.append(new String[] {" (in progress)", " (done)", " [WIP]", " (deferred)"}[random.nextInt(4)]);
                }
                add(marker + text + trailingBlanks());
                if (random.nextInt(4) == 0) {
                    add(indent + "continued " + word() + " " + word() + trailingBlanks());
                }
                int last = lines.size() - 1;
                if (random.nextInt(4) == 0) {
                    add(indent + "- nested " + word());
                }
                items.add(new GenItem(false, first, last, -1, -1, -1, -1));
                if (loose) {
                    add("");
                }
            }
        }

        private String action() {
            StringBuilder sb = new StringBuilder("Action ").append(++counter);
            int words = 1 + random.nextInt(5);
            for (int i = 0; i < words; i++) {
                String word = word();
                int markup = random.nextInt(10);
                sb.append(' ')
                        .append(
                                markup == 0
                                        ? "**" + word + "**"
                                        : markup == 1
                                                ? "`" + word + "`"
                                                : markup == 2 ? "[" + word + "](https://wiki.example.com/x)" : word);
            }
            return sb.toString();
        }

        private String word() {
            return WORDS[random.nextInt(WORDS.length)];
        }

        private String trailingBlanks() {
            return random.nextInt(5) == 0 ? "  " : "";
        }

        private void add(String line) {
            lines.add(line);
        }
    }
}
