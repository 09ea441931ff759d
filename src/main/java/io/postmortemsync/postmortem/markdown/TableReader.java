package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.postmortem.Whitespace;
import io.postmortemsync.postmortem.markdown.ItemPlace.TableLayout;
import io.postmortemsync.postmortem.markdown.Vocabulary.Column;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Node;

/**
 * Reads an action-items table (DESIGN.md §3.3, tables): columns found by header name in any
 * order, one item per body row. A bad row gets its diagnostics and is skipped; the other rows
 * still count.
 */
final class TableReader {

    private final ReadContext ctx;

    TableReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** The column of each field a table's header names, or empty when there is no Action column. */
    static Optional<Map<Column, Integer>> columns(TableBlock table) {
        TableRow header = headerRow(table);
        if (header == null) {
            return Optional.empty();
        }
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        int index = 0;
        for (Node cell = header.getFirstChild(); cell != null; cell = cell.getNext(), index++) {
            int at = index;
            Vocabulary.column(InlineText.of(cell).text()).ifPresent(c -> columns.putIfAbsent(c, at));
        }
        return columns.containsKey(Column.ACTION) ? Optional.of(columns) : Optional.empty();
    }

    List<LocatedItem> read(TableBlock table, Map<Column, Integer> columns) {
        SourceText source = ctx.source();
        TableRow header = headerRow(table);
        int headerLine = source.lineIndexAt(InlineText.span(header)[0]);
        int width = count(header);
        List<TableRow> rows = new ArrayList<>();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            if (section instanceof TableBody) {
                for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                    if (row instanceof TableRow tableRow && InlineText.span(tableRow)[0] >= 0) {
                        rows.add(tableRow);
                    }
                }
            }
        }
        List<Integer> bodyLines = new ArrayList<>(rows.size());
        for (TableRow row : rows) {
            bodyLines.add(source.lineIndexAt(InlineText.span(row)[0]));
        }
        TableLayout layout = new TableLayout(
                headerLine,
                List.copyOf(bodyLines),
                width,
                columns.getOrDefault(Column.STATUS, -1),
                columns.getOrDefault(Column.TICKET, -1));

        List<LocatedItem> items = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            LocatedItem item = readRow(rows.get(r), bodyLines.get(r), layout, columns);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private LocatedItem readRow(TableRow row, int lineIndex, TableLayout layout, Map<Column, Integer> columns) {
        int line = lineIndex + 1;
        List<InlineText> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            cells.add(InlineText.of(cell));
        }
        if (cells.stream().allMatch(c -> c.text().isBlank())) {
            return null; // an empty row of a template
        }
        int rawCells = RowCells.split(ctx.source().line(lineIndex)).count();
        if (rawCells != layout.columns()) {
            ctx.error(
                    line,
                    "Row has " + rawCells + " cells but the table has " + layout.columns()
                            + " columns; every row needs one cell per column (escape a | inside a cell as \\|)");
            return null;
        }
        List<String> problems = new ArrayList<>();
        String action = Whitespace.collapse(Vocabulary.stripInvisible(text(cells, columns.get(Column.ACTION))));
        if (action.isEmpty()) {
            problems.add("Row has no action (the Action cell is empty)");
        }

        ItemType type = null;
        boolean typeMissing = false;
        String typeText = text(cells, columns.get(Column.TYPE));
        if (typeText.isEmpty() || Vocabulary.isPlaceholder(typeText)) {
            typeMissing = true;
        } else {
            type = ItemType.fromText(typeText).orElse(null);
            if (type == null) {
                problems.add(ListItemReader.typeProblem(typeText));
            }
        }

        String owner = text(cells, columns.get(Column.OWNER));
        if (owner.isEmpty() || Vocabulary.isPlaceholder(owner)) {
            owner = null;
        }

        LocalDate dueDate = null;
        String dueText = text(cells, columns.get(Column.DUE_DATE));
        if (!dueText.isEmpty() && !Vocabulary.isPlaceholder(dueText)) {
            switch (Dates.parse("Due date", dueText)) {
                case Dates.Result.Valid valid -> dueDate = valid.date();
                case Dates.Result.Invalid invalid -> problems.add(invalid.problem());
            }
        }

        ItemStatus status = ItemStatus.NOT_STARTED;
        Integer statusColumn = columns.get(Column.STATUS);
        if (statusColumn != null) {
            String statusText = text(cells, statusColumn);
            Optional<ItemStatus> read = Vocabulary.isPlaceholder(statusText)
                    ? Optional.of(ItemStatus.NOT_STARTED)
                    : Vocabulary.status(statusText);
            if (read.isPresent()) {
                status = read.get();
            } else {
                problems.add("Status must be one of: " + ItemStatus.allowedWords() + " (got \"" + statusText + "\")");
            }
        }

        Integer ticketColumn = columns.get(Column.TICKET);
        String ticket = ticketColumn == null || ticketColumn >= cells.size() ? null : ticketIn(cells.get(ticketColumn));

        if (!problems.isEmpty()) {
            problems.forEach(p -> ctx.error(line, p));
            return null;
        }
        if (typeMissing) {
            type = ctx.defaultType();
            ctx.warning(line, ctx.missingTypeMessage());
        }
        ActionItem item = new ActionItem(
                line, action, type, owner, dueDate, status, ticket, SyncKey.of(ctx.incidentId(), action));
        return new LocatedItem(item, new ItemPlace.TableRow(layout, lineIndex));
    }

    /**
     * The ticket a Ticket cell names: a browse link or URL to our tracker, else any issue key in
     * it (a Ticket column says its keys are tickets). Other content, such as a GitHub link in a
     * Bug column, is no ticket.
     */
    String ticketIn(InlineText cell) {
        for (InlineText.LinkRef link : cell.links()) {
            String key = ctx.tickets().keyOfBrowseUrl(link.destination());
            if (key != null) {
                return key;
            }
        }
        Matcher url = ctx.tickets().findBrowseUrl(cell.text());
        if (url != null) {
            return url.group(2);
        }
        return Tickets.firstKey(cell.text());
    }

    private static String text(List<InlineText> cells, Integer column) {
        if (column == null || column >= cells.size()) {
            return "";
        }
        return Whitespace.collapse(Vocabulary.stripInvisible(cells.get(column).text()));
    }

    static TableRow headerRow(TableBlock table) {
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            if (section instanceof TableHead && section.getFirstChild() instanceof TableRow row) {
                return row;
            }
        }
        return null;
    }

    private static int count(Node row) {
        int n = 0;
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            n++;
        }
        return n;
    }
}
