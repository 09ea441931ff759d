package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The words documents use: section names, column headers, placeholders, status emoji. */
final class Vocabulary {

    /** The fields of an action item a table column can hold. */
    enum Column {
        ACTION,
        TYPE,
        OWNER,
        DUE_DATE,
        STATUS,
        TICKET
    }

    /** Section names (DESIGN.md §3.3), lowercase; a heading starting with one of them opens the section. */
    private static final List<String> ACTION_SECTIONS = List.of(
            "action items",
            "action items & follow-ups",
            "actions",
            "follow-ups",
            "follow-up actions",
            "followups",
            "corrective actions",
            "corrective and preventative measures",
            "remediation",
            "next steps");

    private static final Map<String, Column> HEADERS = Map.ofEntries(
            Map.entry("action", Column.ACTION),
            Map.entry("actionitem", Column.ACTION),
            Map.entry("item", Column.ACTION),
            Map.entry("task", Column.ACTION),
            Map.entry("description", Column.ACTION),
            Map.entry("followup", Column.ACTION),
            Map.entry("type", Column.TYPE),
            Map.entry("category", Column.TYPE),
            Map.entry("kind", Column.TYPE),
            Map.entry("owner", Column.OWNER),
            Map.entry("assignee", Column.OWNER),
            Map.entry("who", Column.OWNER),
            Map.entry("responsible", Column.OWNER),
            Map.entry("duedate", Column.DUE_DATE),
            Map.entry("due", Column.DUE_DATE),
            Map.entry("deadline", Column.DUE_DATE),
            Map.entry("targetdate", Column.DUE_DATE),
            Map.entry("expecteddate", Column.DUE_DATE),
            Map.entry("status", Column.STATUS),
            Map.entry("state", Column.STATUS),
            Map.entry("ticket", Column.TICKET),
            Map.entry("issue", Column.TICKET),
            Map.entry("jira", Column.TICKET),
            Map.entry("tracking", Column.TICKET),
            Map.entry("link", Column.TICKET),
            Map.entry("bug", Column.TICKET));

    /** Cell values that mean "nothing here yet". */
    private static final Set<String> PLACEHOLDERS = Set.of("-", "--", "—", "–", "n/a", "na", "none", "tbd", "tba", "?");

    private static final Pattern PARENTHESISED = Pattern.compile("\\([^)]*\\)");
    private static final Pattern LEADING_NUMBERING = Pattern.compile("^[^\\p{L}]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\\uFEFF\\u200B\\u200C\\u200D\\u2060]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Vocabulary() {}

    /**
     * The column a header names: case, spacing, punctuation, a {@code #}, a parenthesised hint
     * ({@code Type (Mitigate/Prevent/...)}) and a plural {@code s} do not matter.
     */
    static Optional<Column> column(String header) {
        String key = lettersOnly(PARENTHESISED.matcher(header).replaceAll(""));
        Column column = HEADERS.get(key);
        if (column == null && key.endsWith("s")) {
            column = HEADERS.get(key.substring(0, key.length() - 1));
        }
        return Optional.ofNullable(column);
    }

    /** A heading's text for matching: numbering and leading symbols gone, trailing colon gone, lowercase. */
    static String headingKey(String headingText) {
        String text = LEADING_NUMBERING.matcher(headingText.strip()).replaceFirst("");
        text = WHITESPACE.matcher(text).replaceAll(" ").strip();
        while (text.endsWith(":")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text.toLowerCase(Locale.ROOT);
    }

    static boolean isActionSection(String headingText) {
        String key = headingKey(headingText);
        for (String name : ACTION_SECTIONS) {
            if (key.startsWith(name)) {
                return true;
            }
        }
        return false;
    }

    static boolean isSummarySection(String headingText) {
        String key = headingKey(headingText);
        return key.startsWith("incident summary") || key.equals("summary");
    }

    /** The type a sub-heading names by its first word ({@code ### Prevent}, {@code ### Process improvements}), or null. */
    static ItemType typeOfHeading(String headingText) {
        String key = headingKey(headingText);
        int end = 0;
        while (end < key.length() && Character.isLetter(key.charAt(end))) {
            end++;
        }
        return end == 0 ? null : ItemType.fromText(key.substring(0, end)).orElse(null);
    }

    static boolean isPlaceholder(String value) {
        return PLACEHOLDERS.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /** A status cell: the status words, a trailing full stop, and the emoji people use. */
    static Optional<ItemStatus> status(String value) {
        String text = value.strip();
        ItemStatus emoji = null;
        if (startsWithDoneEmoji(text)) {
            emoji = ItemStatus.COMPLETED;
            text = text.substring(text.offsetByCodePoints(0, 1))
                    .replaceFirst("^\\uFE0F", "")
                    .strip();
        } else if (text.startsWith("🔄") || text.startsWith("⏳")) {
            emoji = ItemStatus.IN_PROGRESS;
            text = text.substring(text.offsetByCodePoints(0, 1))
                    .replaceFirst("^\\uFE0F", "")
                    .strip();
        }
        while (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            return Optional.of(emoji != null ? emoji : ItemStatus.NOT_STARTED);
        }
        return ItemStatus.fromText(text);
    }

    static boolean startsWithDoneEmoji(String text) {
        return text.startsWith("✅") || text.startsWith("✔") || text.startsWith("☑");
    }

    /** Zero-width characters (BOMs pasted into the middle of text, joiners) removed. */
    static String stripInvisible(String text) {
        // Called for every cell of every document: most text has none, and a scan is far cheaper than a regex.
        for (int i = 0; i < text.length(); i++) {
            if (isInvisible(text.charAt(i))) {
                return INVISIBLE.matcher(text).replaceAll("");
            }
        }
        return text;
    }

    private static boolean isInvisible(char c) {
        return c == '\uFEFF' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060';
    }

    static String lettersOnly(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
