package io.postmortemsync.postmortem;

import java.util.regex.Pattern;

/** White space in text taken from documents, as both the parser and ticket summaries want it. */
public final class Whitespace {

    private static final Pattern RUNS = Pattern.compile("\\s+");

    private Whitespace() {}

    /** Runs of white space (as the regex {@code \s} means it: ASCII only) made one space, then stripped. */
    public static String collapse(String text) {
        // The regex only changes text holding a white-space character other than a space, or two
        // spaces in a row; most cells and actions hold neither, and stripping is all they need.
        char previous = 'x';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || (c == ' ' && previous == ' ')) {
                return RUNS.matcher(text).replaceAll(" ").strip();
            }
            previous = c;
        }
        return text.strip();
    }
}
