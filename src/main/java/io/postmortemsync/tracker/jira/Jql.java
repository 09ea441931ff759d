package io.postmortemsync.tracker.jira;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Builds the JQL the adapter sends. Every value is a quoted JQL string with its quotes,
 * backslashes and control characters escaped, so a label or key containing quotes, spaces or
 * {@code )} stays one value and can never change the query.
 */
final class Jql {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Jql() {}

    /** A JQL string literal: {@code "value"} with {@code \"}, {@code \\} and control characters escaped. */
    static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** {@code field in ("a", "b")}. */
    static String in(String field, Collection<String> values) {
        return field + " in (" + values.stream().map(Jql::quote).collect(Collectors.joining(", ")) + ")";
    }

    static String eq(String field, String value) {
        return field + " = " + quote(value);
    }

    /**
     * {@code updated >= "yyyy-MM-dd HH:mm"}. JQL dates have minute precision and are read in the
     * searching user's time zone (their Jira profile), not UTC; the instant is rounded down to the
     * minute in that zone, so the result may include a few older tickets but never misses one.
     */
    static String atOrAfter(String field, Instant since, ZoneId userZone) {
        return field + " >= " + quote(MINUTES.format(since.atZone(userZone).truncatedTo(ChronoUnit.MINUTES)));
    }
}
