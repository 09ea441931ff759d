package io.postmortemsync.postmortem.markdown;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises tracker tickets. The rule that keeps false positives out: a browse link
 * ({@code https://jira.example.com/browse/OPS-123}) to the configured tracker is always a ticket;
 * a bare key ({@code OPS-123}) only where the document says it is one (a Ticket column, the
 * summary's Ticket field) or, in list items, when its project is configured. Otherwise
 * {@code UTF-8}, {@code SHA-256} and {@code COVID-19} would all be tickets.
 */
final class Tickets {

    /** A Jira issue key: project key (a capital letter, then capitals, digits, _), dash, number. */
    static final Pattern KEY =
            Pattern.compile("(?<![A-Za-z0-9_-])([A-Z][A-Z0-9_]+)-([1-9][0-9]{0,9})(?![A-Za-z0-9_-])");

    private static final Pattern BROWSE_URL = Pattern.compile(
            "(https?://[^\\s<>()\\[\\]|]*?)/browse/([A-Z][A-Z0-9_]+-[1-9][0-9]{0,9})(?![A-Za-z0-9_-])[^\\s<>()\\[\\]|]*");

    private final String trackerBase;
    private final Set<String> projectKeys;

    Tickets(ParseOptions options) {
        String url = options.trackerUrl();
        this.trackerBase = url == null ? null : comparable(url.strip());
        this.projectKeys = options.projectKeys();
    }

    /** The key of a browse URL to our tracker (any tracker when none is configured), or null. */
    String keyOfBrowseUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = BROWSE_URL.matcher(url.strip());
        if (!m.matches() || !isOurs(m.group(1))) {
            return null;
        }
        return m.group(2);
    }

    /** The first browse URL to our tracker in free text, or null. */
    Matcher findBrowseUrl(String text) {
        Matcher m = BROWSE_URL.matcher(text);
        while (m.find()) {
            if (isOurs(m.group(1))) {
                return m;
            }
        }
        return null;
    }

    /** Whether a bare key may be read as a ticket in list text: its project is configured. */
    boolean isConfiguredProject(String key) {
        int dash = key.lastIndexOf('-');
        return dash > 0 && projectKeys.contains(key.substring(0, dash));
    }

    boolean hasProjectKeys() {
        return !projectKeys.isEmpty();
    }

    /** The first key-shaped word of a text, or null (only for places that name a ticket). */
    static String firstKey(String text) {
        Matcher m = KEY.matcher(text);
        return m.find() ? m.group() : null;
    }

    static boolean isKey(String text) {
        return text != null && KEY.matcher(text).matches();
    }

    private boolean isOurs(String base) {
        if (trackerBase == null) {
            return true;
        }
        return comparable(base).equals(trackerBase);
    }

    /** Scheme, case and trailing slashes do not make two tracker URLs different. */
    private static String comparable(String url) {
        String s = stripTrailingSlashes(url).toLowerCase(Locale.ROOT);
        int scheme = s.indexOf("://");
        return scheme >= 0 ? s.substring(scheme + 3) : s;
    }

    private static String stripTrailingSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }
}
