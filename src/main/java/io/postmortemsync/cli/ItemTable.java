package io.postmortemsync.cli;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Postmortem;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code items} table for a terminal: one heading line per postmortem, then its items in
 * columns aligned across the whole output; overdue items say so in the due column.
 */
final class ItemTable {

    private static final String[] HEADER = {"LINE", "TYPE", "STATUS", "DUE", "OWNER", "TICKET", "ACTION"};

    private final List<ItemsCommand.Listed> listed;
    private final LocalDate today;
    private final boolean overdueOnly;

    ItemTable(List<ItemsCommand.Listed> listed, LocalDate today, boolean overdueOnly) {
        this.listed = listed;
        this.today = today;
        this.overdueOnly = overdueOnly;
    }

    void print(PrintWriter out) {
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = HEADER[c].length();
        }
        List<List<String[]>> rows = new ArrayList<>();
        int itemCount = 0;
        int overdue = 0;
        for (ItemsCommand.Listed entry : listed) {
            List<String[]> block = new ArrayList<>();
            for (ActionItem item : entry.items()) {
                boolean late = item.isOverdue(today);
                String[] row = {
                    String.valueOf(item.line()),
                    item.type().id(),
                    item.status().text(),
                    item.dueDate() == null ? "-" : item.dueDate() + (late ? " OVERDUE" : ""),
                    item.owner() == null ? "-" : item.owner(),
                    item.ticket() == null ? "-" : item.ticket(),
                    item.action()
                };
                for (int c = 0; c < row.length - 1; c++) {
                    widths[c] = Math.max(widths[c], width(row[c]));
                }
                block.add(row);
                itemCount++;
                overdue += late ? 1 : 0;
            }
            rows.add(block);
        }
        if (itemCount == 0) {
            out.println(overdueOnly ? "No overdue action items (as of " + today + ")." : "No action items found.");
            return;
        }
        out.println("  " + line(HEADER, widths));
        for (int i = 0; i < listed.size(); i++) {
            if (rows.get(i).isEmpty()) {
                continue;
            }
            out.println();
            out.println(heading(listed.get(i).document().postmortem()));
            for (String[] row : rows.get(i)) {
                out.println("  " + line(row, widths));
            }
        }
        int documents = (int) rows.stream().filter(r -> !r.isEmpty()).count();
        out.println();
        out.println(itemCount + (itemCount == 1 ? " action item" : " action items") + " in " + documents
                + (documents == 1 ? " postmortem" : " postmortems") + ", " + overdue + " overdue (as of " + today
                + ")");
    }

    private static String heading(Postmortem pm) {
        StringBuilder sb = new StringBuilder(pm.file()).append("  ").append(pm.incidentId());
        if (pm.title() != null) {
            sb.append("  ").append(pm.title());
        }
        if (pm.severity() != null) {
            sb.append(" (").append(pm.severity().name()).append(')');
        }
        return sb.toString();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            sb.append(cells[c]);
            if (c < cells.length - 1) {
                sb.append(" ".repeat(widths[c] - width(cells[c]) + 2));
            }
        }
        return sb.toString();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
