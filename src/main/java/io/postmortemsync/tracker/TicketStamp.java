package io.postmortemsync.tracker;

import java.time.Instant;
import java.util.Objects;

/**
 * The cheapest thing a search can say about a ticket: which one it is and when it last changed.
 * The sync engine compares stamps with what it already knows and reads in full only the tickets
 * that really changed, so a pass over thousands of unchanged tickets costs one search.
 *
 * @param id the tracker's stable id (unchanged when the ticket moves to another project), or null
 * @param key the ticket's current key
 * @param updated the last update, as the tracker's clock tells it
 */
public record TicketStamp(String id, String key, Instant updated) {

    public TicketStamp {
        Objects.requireNonNull(key, "key");
    }
}
