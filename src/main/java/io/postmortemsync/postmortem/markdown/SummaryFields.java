package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.Whitespace;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * The Incident Summary bullets ({@code - **Severity**: P1}), read from the summary section and
 * from the lines between the title and the first section. A bold or plain label, then a colon.
 */
final class SummaryFields {

    /** A field's value and the 1-based line it is on. */
    record Field(String value, int line) {}

    private static final Pattern LABELLED = Pattern.compile("^\\s*([^:\\n]{1,40}?)\\s*:\\s*(.*)$", Pattern.DOTALL);

    Field incidentId;
    Field date;
    Field severity;
    Field services;
    Field impact;
    Field ticket;

    void read(Node list, SourceText source, Tickets tickets) {
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (item instanceof ListItem && item.getFirstChild() instanceof Paragraph paragraph) {
                readBullet(paragraph, source, tickets);
            }
        }
    }

    private void readBullet(Paragraph paragraph, SourceText source, Tickets tickets) {
        InlineText inline = InlineText.of(paragraph);
        Matcher m = LABELLED.matcher(inline.text());
        if (!m.matches()) {
            return;
        }
        int[] span = InlineText.span(paragraph);
        int line = span[0] < 0 ? 0 : source.lineNumberAt(span[0]);
        String value = Whitespace.collapse(Vocabulary.stripInvisible(m.group(2)));
        switch (Vocabulary.lettersOnly(m.group(1)).toLowerCase(Locale.ROOT)) {
            case "incidentid", "incident", "id" -> incidentId = first(incidentId, value, line);
            case "date", "incidentdate" -> date = first(date, value, line);
            case "severity", "sev" -> severity = first(severity, value, line);
            case "servicesaffected", "serviceaffected", "services", "service", "affectedservices" ->
                services = first(services, value, line);
            case "customerimpact", "impact" -> impact = first(impact, value, line);
            case "ticket", "jira", "incidentticket" -> {
                String key = null;
                for (InlineText.LinkRef link : inline.links()) {
                    key = key != null ? key : tickets.keyOfBrowseUrl(link.destination());
                }
                if (key == null) {
                    key = ticketKey(value, tickets);
                }
                if (key != null) {
                    ticket = first(ticket, key, line);
                }
            }
            default -> {}
        }
    }

    /** An incident ticket named by a key or a browse URL. */
    static String ticketKey(String value, Tickets tickets) {
        if (value == null) {
            return null;
        }
        String fromUrl = tickets.keyOfBrowseUrl(value);
        if (fromUrl != null) {
            return fromUrl;
        }
        Matcher url = tickets.findBrowseUrl(value);
        return url != null ? url.group(2) : Tickets.firstKey(value);
    }

    private static Field first(Field existing, String value, int line) {
        return existing != null || value.isEmpty() ? existing : new Field(value, line);
    }
}
