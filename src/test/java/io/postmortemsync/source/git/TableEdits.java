package io.postmortemsync.source.git;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.postmortemsync.source.DocumentSource.DocumentEdit;
import io.postmortemsync.source.DocumentSource.EditRejected;
import java.util.Arrays;

/**
 * Pure document edits for tests, shaped like the real write-back: find a table row by its action
 * text and set one cell by its column header. They know nothing about git, exactly like the
 * document rewriter the engine passes in.
 */
final class TableEdits {

    private TableEdits() {}

    static DocumentEdit setCell(String action, String column, String value) {
        return current -> {
            String text = new String(current, UTF_8);
            String[] lines = text.split("\n", -1);
            int columnIndex = -1;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (!line.startsWith("|")) {
                    continue;
                }
                String[] cells = line.split("\\|", -1);
                if (columnIndex < 0) {
                    columnIndex = Arrays.asList(cells).stream()
                            .map(String::strip)
                            .toList()
                            .indexOf(column);
                    continue;
                }
                if (cells.length > 1 && cells[1].strip().equals(action)) {
                    if (columnIndex < 0 || columnIndex >= cells.length) {
                        throw new EditRejected("no " + column + " column");
                    }
                    cells[columnIndex] = " " + value + " ";
                    lines[i] = String.join("|", cells);
                    return String.join("\n", lines).getBytes(UTF_8);
                }
            }
            throw new EditRejected("no action item \"" + action + "\" in the document");
        };
    }

    /** The template's table with the given rows (action, status, ticket). */
    static String postmortem(String title, String[]... rows) {
        StringBuilder text = new StringBuilder("# Incident Postmortem: " + title + "\n\n## Action Items\n"
                + "| Action | Type | Owner | Due Date | Status | Ticket |\n"
                + "|--------|------|-------|----------|--------|--------|\n");
        for (String[] row : rows) {
            text.append("| ")
                    .append(row[0])
                    .append(" | Prevent | @alice | 2025-04-15 | ")
                    .append(row[1])
                    .append(" | ")
                    .append(row.length > 2 ? row[2] : "")
                    .append(" |\n");
        }
        return text.toString();
    }
}
