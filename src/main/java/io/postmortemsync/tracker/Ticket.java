package io.postmortemsync.tracker;

import io.postmortemsync.postmortem.SyncKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A ticket as the tracker reports it.
 *
 * @param key the current key (after a move, the new one)
 * @param labels all labels, including {@code postmortem-sync} and {@code pmsync-…} when ours
 * @param status workflow status, category and resolution
 * @param dueDate due date or null
 * @param assignee the assignee's account id (Cloud) or user name (Data Center), or null
 * @param linkedIssueKeys keys of issues linked to this one (any link type, either direction)
 * @param updated last update, or null when not reported
 */
public record Ticket(
        String id,
        String key,
        String summary,
        Set<String> labels,
        TicketStatus status,
        LocalDate dueDate,
        String assignee,
        Set<String> linkedIssueKeys,
        Instant updated) {

    public Ticket {
        labels = labels == null ? Set.of() : Set.copyOf(labels);
        linkedIssueKeys = linkedIssueKeys == null ? Set.of() : Set.copyOf(linkedIssueKeys);
    }

    /** The sync key from the ticket's {@code pmsync-} label, or null when it has none. */
    public SyncKey syncKey() {
        return labels.stream()
                .map(SyncKey::fromLabel)
                .filter(k -> k != null)
                .findFirst()
                .orElse(null);
    }
}
