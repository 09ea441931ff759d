package io.postmortemsync.tracker.jira;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Description} as Jira wiki markup (Data Center, REST v2). Every character the
 * wiki renderer gives meaning to is escaped with a backslash, line breaks inside a value become
 * spaces, and link targets are percent-encoded where wiki syntax would end them, so document text
 * can neither format, link, nor start a macro.
 */
final class WikiRenderer {

    // Markup characters: text effects (*_-+^~?), macros and links ({}[]|), images (!), lists and
    // headings at line start (#), emoticons like :) (x) (!), and the escape character itself.
    private static final String SPECIAL = "\\*_-+^~?{}[]|!#():";
    /**
     * Block markup that only counts at the start of a line: headings {@code h1.}–{@code h6.} and
     * {@code bq.} quotes. A paragraph opens a line, so its start is checked too; the dot is escaped.
     */
    private static final Pattern LINE_START_MARKUP = Pattern.compile("^(\\s*(?:[hH][1-6]|[bB][qQ]))\\.");

    private WikiRenderer() {}

    static String render(Description description) {
        StringBuilder out = new StringBuilder();
        for (Description.Block block : description.blocks()) {
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            switch (block) {
                case Description.Paragraph p -> out.append(guardLineStart(inline(p.content())));
                case Description.Bullets b -> {
                    for (int i = 0; i < b.items().size(); i++) {
                        if (i > 0) {
                            out.append('\n');
                        }
                        out.append("* ").append(inline(b.items().get(i)));
                    }
                }
            }
        }
        return out.toString();
    }

    private static String inline(List<Description.Inline> inlines) {
        StringBuilder b = new StringBuilder();
        for (Description.Inline inline : inlines) {
            switch (inline) {
                case Description.Text t -> {
                    String escaped = escape(t.text());
                    if (t.bold() && !escaped.isBlank()) {
                        // Markup needs the bold run to start and end on non-space characters.
                        String core = escaped.strip();
                        int lead = escaped.indexOf(core);
                        b.append(escaped, 0, lead)
                                .append('*')
                                .append(core)
                                .append('*')
                                .append(escaped.substring(lead + core.length()));
                    } else {
                        b.append(escaped);
                    }
                }
                case Description.Link l ->
                    b.append('[')
                            .append(escape(l.text()))
                            .append('|')
                            .append(linkTarget(l.url()))
                            .append(']');
            }
        }
        return b.toString();
    }

    /** A line that would open with {@code h1.} or {@code bq.} gets that dot escaped, so it stays text. */
    static String guardLineStart(String line) {
        Matcher m = LINE_START_MARKUP.matcher(line);
        return m.find() ? m.group(1) + "\\." + line.substring(m.end()) : line;
    }

    /** Backslash before every markup character; line breaks and other controls become spaces. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(' ');
            } else {
                if (SPECIAL.indexOf(c) >= 0) {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A URL with the characters that would end or split a wiki link percent-encoded. */
    static String linkTarget(String url) {
        StringBuilder b = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case '|' -> b.append("%7C");
                case '[' -> b.append("%5B");
                case ']' -> b.append("%5D");
                case ' ' -> b.append("%20");
                case '{' -> b.append("%7B");
                case '}' -> b.append("%7D");
                default -> {
                    if (!Character.isISOControl(c)) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
