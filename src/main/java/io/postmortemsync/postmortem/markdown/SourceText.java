package io.postmortemsync.postmortem.markdown;

import java.util.Arrays;

/**
 * The decoded text of a document with an index of its lines, so that offsets (which is what the
 * Markdown parser's source spans give) turn into line numbers and line bounds cheaply. Lines end
 * at {@code \n}, {@code \r\n} or a lone {@code \r}, exactly as CommonMark splits them.
 */
final class SourceText {

    private final String text;
    private final int[] lineStarts;
    private final int lineCount;

    private SourceText(String text, int[] lineStarts, int lineCount) {
        this.text = text;
        this.lineStarts = lineStarts;
        this.lineCount = lineCount;
    }

    static SourceText of(String text) {
        int[] starts = new int[Math.max(16, text.length() / 40)];
        int count = 0;
        starts[count++] = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (i + 1 < n) {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i + 1;
                }
            }
        }
        return new SourceText(text, starts, count);
    }

    String text() {
        return text;
    }

    int lineCount() {
        return lineCount;
    }

    /** Offset of the first character of line {@code index} (0-based). */
    int lineStart(int index) {
        return lineStarts[index];
    }

    /** Offset just after the last character of line {@code index}, before its line terminator. */
    int contentEnd(int index) {
        int end = index + 1 < lineCount ? lineStarts[index + 1] : text.length();
        if (end > lineStarts[index] && text.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > lineStarts[index] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /** The content of line {@code index} without its terminator. */
    String line(int index) {
        return text.substring(lineStart(index), contentEnd(index));
    }

    /** 0-based index of the line holding {@code offset}. */
    int lineIndexAt(int offset) {
        int found = Arrays.binarySearch(lineStarts, 0, lineCount, offset);
        return found >= 0 ? found : -found - 2;
    }

    /** 1-based line number of {@code offset}, as diagnostics show it. */
    int lineNumberAt(int offset) {
        return lineIndexAt(offset) + 1;
    }

    /** {@code end} moved left over spaces and tabs, but not before {@code floor}. */
    int trimTrailingBlanks(int floor, int end) {
        while (end > floor && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return end;
    }
}
