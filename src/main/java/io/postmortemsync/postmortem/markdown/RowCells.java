package io.postmortemsync.postmortem.markdown;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of one raw table line, split the way GFM splits them: on every {@code |} not
 * escaped as {@code \|}, with optional leading and trailing pipes. Offsets are relative to the
 * line, so a cell can be replaced without touching anything else.
 *
 * @param cells each cell's range between its pipes, padding included
 * @param trailingPipe whether the line ends with a pipe (then a new cell goes after it)
 * @param contentEnd the end of the line without trailing blanks
 */
record RowCells(List<Cell> cells, boolean trailingPipe, int contentEnd) {

    /** A cell's range {@code [start, end)} within the line, padding included. */
    record Cell(int start, int end) {}

    static RowCells split(String line) {
        int n = line.length();
        int end = n;
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        int i = 0;
        while (i < end && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i < end && line.charAt(i) == '|') {
            i++;
        }
        List<Cell> cells = new ArrayList<>();
        int start = i;
        int lastPipe = -1;
        for (int j = i; j < end; j++) {
            char c = line.charAt(j);
            if (c == '\\' && j + 1 < end && line.charAt(j + 1) == '|') {
                j++;
            } else if (c == '|') {
                cells.add(new Cell(start, j));
                start = j + 1;
                lastPipe = j;
            }
        }
        boolean trailingPipe = lastPipe >= 0 && lastPipe == end - 1;
        if (!trailingPipe) {
            cells.add(new Cell(start, end));
        }
        return new RowCells(List.copyOf(cells), trailingPipe, end);
    }

    int count() {
        return cells.size();
    }
}
