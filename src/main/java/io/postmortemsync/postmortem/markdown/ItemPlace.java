package io.postmortemsync.postmortem.markdown;

import java.util.List;

/** Where an action item sits in its document's text, so write-back can change just that. */
sealed interface ItemPlace {

    /** A row of an action-items table; {@code line} is the row's 0-based line index. */
    record TableRow(TableLayout table, int line) implements ItemPlace {}

    /**
     * A list item.
     *
     * @param ticketAt where a ticket link is appended: the end of the item's first line
     * @param actionEnd the end of the item's action text (where a status marker is appended)
     * @param checkbox the task-list checkbox, or null
     * @param marker the status marker that decided the status ({@code [DONE]}, {@code (in progress)}), or null
     * @param ticket the text naming the item's current ticket (a link, URL or key), or null
     */
    record ListEntry(int ticketAt, int actionEnd, Checkbox checkbox, Marker marker, Span ticket) implements ItemPlace {}

    /** A range of the text, {@code [start, end)}. */
    record Span(int start, int end) {}

    /** A checkbox {@code [ ]}/{@code [x]} starting at {@code start} (always three characters). */
    record Checkbox(int start, boolean checked) {}

    /**
     * A status marker in the text.
     *
     * @param style how it is written, which a replacement keeps
     * @param upperCase whether it was written in capitals ({@code [DONE]})
     */
    record Marker(Span span, Style style, boolean upperCase) {

        enum Style {
            /** {@code [DONE]} */
            BRACKETS,
            /** {@code (in progress)} */
            PARENTHESES,
            /** {@code TODO}, {@code WIP}, {@code DONE} */
            WORD,
            /** {@code ✅}, {@code 🔄} */
            EMOJI
        }
    }

    /**
     * An action-items table.
     *
     * @param headerLine 0-based line of the header row; the delimiter row is the next line
     * @param bodyLines 0-based lines of the body rows, in order
     * @param columns the number of header cells
     * @param statusColumn index of the Status column, or -1
     * @param ticketColumn index of the Ticket column, or -1
     */
    record TableLayout(int headerLine, List<Integer> bodyLines, int columns, int statusColumn, int ticketColumn) {

        int delimiterLine() {
            return headerLine + 1;
        }
    }
}
