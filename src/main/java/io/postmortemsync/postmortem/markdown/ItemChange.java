package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.SyncKey;
import java.util.Objects;

/**
 * A write-back to one action item, found in the document by its sync key.
 *
 * @param item the item's sync key
 * @param ticketKey the ticket the item must name ({@code OPS-123}), or null to leave the ticket as is
 * @param ticketUrl the ticket's browse URL (used as the link target), required with {@code ticketKey}
 * @param status the status the item must show, or null to leave it as is
 */
public record ItemChange(SyncKey item, String ticketKey, String ticketUrl, ItemStatus status) {

    public ItemChange {
        Objects.requireNonNull(item, "item");
        if (ticketKey != null && ticketUrl == null) {
            throw new IllegalArgumentException("a ticket key needs its URL");
        }
    }

    public static ItemChange ticket(SyncKey item, String ticketKey, String ticketUrl) {
        return new ItemChange(item, ticketKey, ticketUrl, null);
    }

    public static ItemChange status(SyncKey item, ItemStatus status) {
        return new ItemChange(item, null, null, status);
    }
}
