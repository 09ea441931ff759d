package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.markdown.ItemPlace.ListEntry;
import io.postmortemsync.postmortem.markdown.ItemPlace.Marker;
import io.postmortemsync.postmortem.markdown.ItemPlace.TableLayout;
import io.postmortemsync.postmortem.markdown.ItemPlace.TableRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns item changes into text edits against one read of a document (DESIGN.md §3.4). Tables:
 * the Ticket and Status cells change, padding kept where it fits; a table without a Ticket column
 * gets one (header, delimiter and every row). Lists: the ticket link goes at the end of the
 * item's first line (or replaces the old ticket), the checkbox follows the status, and a status
 * marker is rewritten in place or added at the end of the action text.
 */
final class EditPlanner {

    /** What a change needs. */
    enum Need {
        EDITS,
        NOTHING,
        NOT_FOUND
    }

    /** What one change will do, so the result can be checked after re-reading. */
    record Expectation(ActionItem item, String ticket, ItemStatus status) {}

    private static final String TICKET_HEADER = "Ticket";
    private static final int ORDER_MARKER = 1;
    private static final int ORDER_TICKET = 2;

    private final SourceText source;
    private final boolean ticketOnFirstLine;
    private final Map<String, LocatedItem> bySyncKey = new LinkedHashMap<>();
    private final List<Edit> edits = new ArrayList<>();
    private final Map<TableLayout, Map<Integer, String>> newTicketColumns = new LinkedHashMap<>();
    private final List<Expectation> expectations = new ArrayList<>();

    /**
     * @param ticketOnFirstLine true for the contract's place of a list item's ticket link (end of
     *     its first line); false to put it at the end of the action text, the fallback when the
     *     first line ends inside inline markup that spans lines
     */
    EditPlanner(DocumentModel model, boolean ticketOnFirstLine) {

        this.source = model.source();
        this.ticketOnFirstLine = ticketOnFirstLine;
        for (LocatedItem located : model.items()) {
            bySyncKey.put(located.item().syncKey().value(), located);
        }
    }

    Need plan(ItemChange change) {
        LocatedItem located = bySyncKey.get(change.item().value());
        if (located == null) {
            return Need.NOT_FOUND;
        }
        ActionItem item = located.item();
        boolean ticket = change.ticketKey() != null && !change.ticketKey().equals(item.ticket());
        boolean status = change.status() != null && change.status() != item.status() && canShowStatus(located.place());
        if (!ticket && !status) {
            return Need.NOTHING;
        }
        String link = "[" + change.ticketKey() + "](" + change.ticketUrl() + ")";
        switch (located.place()) {
            case TableRow row -> planRow(row, item, ticket ? link : null, status ? change.status() : null);
            case ListEntry entry -> planListEntry(entry, ticket ? link : null, status ? change.status() : null);
        }
        expectations.add(new Expectation(
                item, ticket ? change.ticketKey() : item.ticket(), status ? change.status() : item.status()));
        return Need.EDITS;
    }

    List<Expectation> expectations() {
        return expectations;
    }

    /** The document's text with every planned edit applied. */
    String apply() {
        List<Edit> all = new ArrayList<>(edits);
        newTicketColumns.forEach((table, cells) -> all.addAll(ticketColumn(table, cells)));
        return Edit.apply(source.text(), all);
    }

    private static boolean canShowStatus(ItemPlace place) {
        return !(place instanceof TableRow row) || row.table().statusColumn() >= 0;
    }

    // ---- tables ----

    private void planRow(TableRow row, ActionItem item, String link, ItemStatus status) {
        TableLayout table = row.table();
        int lineStart = source.lineStart(row.line());
        String line = source.line(row.line());
        RowCells cells = RowCells.split(line);
        if (status != null) {
            RowCells.Cell cell = cells.cells().get(table.statusColumn());
            edits.add(Edit.replace(
                    lineStart + cell.start(),
                    lineStart + cell.end(),
                    fitCell(line.substring(cell.start(), cell.end()), status.text())));
        }
        if (link != null) {
            if (table.ticketColumn() < 0) {
                newTicketColumns.computeIfAbsent(table, t -> new TreeMap<>()).put(row.line(), link);
            } else {
                RowCells.Cell cell = cells.cells().get(table.ticketColumn());
                String raw = line.substring(cell.start(), cell.end());
                String content = raw.strip();
                String newContent;
                if (content.isEmpty() || Vocabulary.isPlaceholder(content)) {
                    newContent = escapeCell(link);
                } else if (item.ticket() != null) {
                    newContent = replaceTicket(content, item.ticket(), escapeCell(link));
                } else {
                    // Not a ticket of ours (a GitHub link in a Bug column): keep it, add ours.
                    newContent = content + " " + escapeCell(link);
                }
                edits.add(Edit.replace(lineStart + cell.start(), lineStart + cell.end(), fitCell(raw, newContent)));
            }
        }
    }

    /** The cell's content replaced, its leading padding kept and its trailing padding adjusted to keep the width when it fits. */
    static String fitCell(String raw, String newContent) {
        int lead = 0;
        while (lead < raw.length() && (raw.charAt(lead) == ' ' || raw.charAt(lead) == '\t')) {
            lead++;
        }
        if (lead == raw.length()) {
            // An empty cell: one space each side, the rest of its width kept as padding.
            int pad = Math.max(1, raw.length() - 1 - newContent.length());
            return " " + newContent + " ".repeat(pad);
        }
        int trail = raw.length();
        while (trail > lead && (raw.charAt(trail - 1) == ' ' || raw.charAt(trail - 1) == '\t')) {
            trail--;
        }
        String leading = raw.substring(0, lead);
        String trailing = raw.substring(trail);
        if (trailing.indexOf('\t') >= 0) {
            return leading + newContent + trailing;
        }
        if (trailing.isEmpty()) {
            return leading + newContent;
        }
        int pad = Math.max(1, raw.length() - lead - newContent.length());
        return leading + newContent + " ".repeat(pad);
    }

    /** The old ticket (link, autolink, URL or key) in a cell replaced by the new link. */
    static String replaceTicket(String content, String oldKey, String newLink) {
        String key = Pattern.quote(oldKey);
        String boundary = "(?![A-Za-z0-9_-])";
        Pattern[] forms = {
            Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?[^)\\s]*" + key + boundary + "[^)\\s]*>?(?:\\s+\"[^\"]*\")?\\s*\\)"),
            Pattern.compile("\\[[^\\]]*(?<![A-Za-z0-9_-])" + key + boundary + "[^\\]]*\\]\\([^)]*\\)"),
            Pattern.compile("<[^>\\s]*" + key + boundary + "[^>\\s]*>"),
            Pattern.compile("https?://\\S*" + key + boundary + "\\S*"),
            Pattern.compile("(?<![A-Za-z0-9_-])" + key + boundary),
        };
        for (Pattern form : forms) {
            Matcher m = form.matcher(content);
            if (m.find()) {
                return content.substring(0, m.start()) + newLink + content.substring(m.end());
            }
        }
        return content + " " + newLink;
    }

    static String escapeCell(String text) {
        return text.replace("|", "\\|");
    }

    /** The edits appending a Ticket column: a cell after the last one of every line of the table. */
    private List<Edit> ticketColumn(TableLayout table, Map<Integer, String> links) {
        List<Edit> out = new ArrayList<>();
        String headerPad = padOf(table.headerLine());
        String headerCell = headerPad + TICKET_HEADER + headerPad;
        out.add(appendCell(table.headerLine(), headerCell));
        String delimiterPad = padOf(table.delimiterLine());
        int dashes = Math.max(3, headerCell.length() - 2 * delimiterPad.length());
        out.add(appendCell(table.delimiterLine(), delimiterPad + "-".repeat(dashes) + delimiterPad));
        for (int line : table.bodyLines()) {
            String link = links.get(line);
            String pad = padOf(line);
            out.add(appendCell(line, link == null ? pad + pad : pad + escapeCell(link) + pad));
        }
        return out;
    }

    /** " " when the line's last cell starts with white space (a padded table), else "". */
    private String padOf(int line) {
        String text = source.line(line);
        RowCells cells = RowCells.split(text);
        if (cells.count() == 0) {
            return " ";
        }
        RowCells.Cell last = cells.cells().getLast();
        return last.end() > last.start() && !Character.isWhitespace(text.charAt(last.start())) ? "" : " ";
    }

    private Edit appendCell(int line, String cell) {
        String text = source.line(line);
        RowCells cells = RowCells.split(text);
        int at = source.lineStart(line) + cells.contentEnd();
        if (cells.trailingPipe()) {
            return Edit.insert(at, cell + "|", 0);
        }
        String pad = cell.startsWith(" ") ? " " : "";
        if (cell.isBlank()) {
            // "a | b |" would read as two cells (the pipe counts as the outer one): close the empty cell with a pipe.
            return Edit.insert(at, pad + "|" + cell + "|", 0);
        }
        return Edit.insert(at, pad + "|" + cell.stripTrailing(), 0);
    }

    // ---- lists ----

    private void planListEntry(ListEntry entry, String link, ItemStatus status) {
        if (link != null) {
            if (entry.ticket() != null) {
                edits.add(Edit.replace(entry.ticket().start(), entry.ticket().end(), link));
            } else {
                edits.add(Edit.insert(
                        ticketOnFirstLine ? entry.ticketAt() : entry.actionEnd(), " (" + link + ")", ORDER_TICKET));
            }
        }
        if (status != null) {
            if (entry.checkbox() != null) {
                boolean checked = status == ItemStatus.COMPLETED;
                if (checked != entry.checkbox().checked()) {
                    int at = entry.checkbox().start();
                    edits.add(Edit.replace(at, at + 3, checked ? "[x]" : "[ ]"));
                }
            }
            if (entry.marker() != null) {
                edits.add(Edit.replace(
                        entry.marker().span().start(),
                        entry.marker().span().end(),
                        markerText(entry.marker(), status)));
            } else {
                boolean checkboxSays = entry.checkbox() != null
                        && (status == ItemStatus.COMPLETED || status == ItemStatus.NOT_STARTED);
                boolean plainSays = entry.checkbox() == null && status == ItemStatus.NOT_STARTED;
                if (!checkboxSays && !plainSays) {
                    edits.add(Edit.insert(entry.actionEnd(), " (" + word(status) + ")", ORDER_MARKER));
                }
            }
        }
    }

    /** The marker for a status, written the way the old one was. */
    static String markerText(Marker old, ItemStatus status) {
        String word = old.upperCase() ? word(status).toUpperCase(Locale.ROOT) : word(status);
        return switch (old.style()) {
            case BRACKETS -> "[" + word + "]";
            case PARENTHESES -> "(" + word + ")";
            case WORD ->
                switch (status) {
                    case NOT_STARTED -> "TODO";
                    case IN_PROGRESS -> "WIP";
                    case COMPLETED -> "DONE";
                    case DEFERRED -> "(deferred)";
                };
            case EMOJI ->
                switch (status) {
                    case COMPLETED -> "✅";
                    case IN_PROGRESS -> "🔄";
                    default -> "(" + word(status) + ")";
                };
        };
    }

    /** The marker word of a status; each is one the parser reads back. */
    static String word(ItemStatus status) {
        return switch (status) {
            case NOT_STARTED -> "not started";
            case IN_PROGRESS -> "in progress";
            case COMPLETED -> "done";
            case DEFERRED -> "deferred";
        };
    }
}
