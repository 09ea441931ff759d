package io.postmortemsync.postmortem.markdown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces {@code [start, end)} of a text with {@code text} ({@code start == end}: an insertion).
 * Insertions at one offset are applied in {@code order}.
 */
record Edit(int start, int end, String text, int order) {

    static Edit replace(int start, int end, String text) {
        return new Edit(start, end, text, 0);
    }

    static Edit insert(int at, String text, int order) {
        return new Edit(at, at, text, order);
    }

    /** Applies non-overlapping edits; throws IllegalStateException when two overlap (a planning bug). */
    static String apply(String text, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(
                Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).thenComparingInt(Edit::order));
        StringBuilder out = new StringBuilder(text.length() + 256);
        int position = 0;
        for (Edit edit : sorted) {
            if (edit.start() < position) {
                throw new IllegalStateException("overlapping edits at offset " + edit.start());
            }
            out.append(text, position, edit.start()).append(edit.text());
            position = edit.end();
        }
        return out.append(text, position, text.length()).toString();
    }
}
