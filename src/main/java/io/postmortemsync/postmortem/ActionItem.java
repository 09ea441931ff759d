package io.postmortemsync.postmortem;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One action item of a postmortem, as read from its document.
 *
 * @param line 1-based line of the item's row or list item in the document
 * @param action plain text, inline Markdown removed (what the ticket summary and JSON show)
 * @param type the item's type; the configured default when the document names none
 * @param owner the owner as written ({@code @alice}, {@code alice@example.com}, {@code Alice Smith}), or null
 * @param dueDate the due date, or null (an item without one is never overdue)
 * @param status the status as the document states it
 * @param ticket the tracker key the document already names ({@code OPS-123}), or null
 * @param syncKey identity of the item before it has a ticket
 */
public record ActionItem(
        int line,
        String action,
        ItemType type,
        String owner,
        LocalDate dueDate,
        ItemStatus status,
        String ticket,
        SyncKey syncKey) {

    public ActionItem {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(syncKey, "syncKey");
    }

    public boolean hasTicket() {
        return ticket != null;
    }

    /**
     * Overdue: not Completed, and {@code today} is after the due date. An item due 2025-04-15 is
     * overdue from 2025-04-16. Deferred items past their due date count (metrics label them so
     * alerts can leave them out).
     */
    public boolean isOverdue(LocalDate today) {
        return dueDate != null && status != ItemStatus.COMPLETED && today.isAfter(dueDate);
    }
}
