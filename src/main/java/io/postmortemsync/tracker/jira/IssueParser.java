package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.TicketStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads an issue as Jira returns it (search, bulk fetch, get) into a {@link Ticket}. */
final class IssueParser {

    /** The fields every read asks for: searches on Cloud return only ids unless told otherwise. */
    static final List<String> FIELDS =
            List.of("summary", "status", "resolution", "labels", "duedate", "assignee", "issuelinks", "updated");

    // Jira writes offsets without a colon ("2025-04-10T14:32:00.000+0000"), which ISO_OFFSET_DATE_TIME refuses.
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private IssueParser() {}

    /**
     * @param userField the user attribute that identifies people: {@code accountId} (Cloud) or
     *     {@code name} (Data Center)
     */
    static Ticket parse(JsonNode issue, String userField) {
        JsonNode f = issue.path("fields");
        Set<String> labels = new LinkedHashSet<>();
        f.path("labels").forEach(l -> labels.add(l.asText()));
        JsonNode status = f.path("status");
        TicketStatus ticketStatus = new TicketStatus(
                text(status.path("name")),
                TicketStatus.Category.fromKey(text(status.path("statusCategory").path("key"))),
                text(f.path("resolution").path("name")));
        Set<String> linked = new LinkedHashSet<>();
        for (JsonNode link : f.path("issuelinks")) {
            String in = text(link.path("inwardIssue").path("key"));
            String out = text(link.path("outwardIssue").path("key"));
            if (in != null) {
                linked.add(in);
            }
            if (out != null) {
                linked.add(out);
            }
        }
        return new Ticket(
                text(issue.path("id")),
                text(issue.path("key")),
                text(f.path("summary")),
                labels,
                ticketStatus,
                date(text(f.path("duedate"))),
                text(f.path("assignee").path(userField)),
                linked,
                time(text(f.path("updated"))));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Instant time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, JIRA_TIME).toInstant();
        } catch (DateTimeParseException notJiraForm) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
