package io.postmortemsync.sync;

import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.Tracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine knows of the tracker between passes: every ticket it has read (by id, and by
 * every key it was known under, so a moved ticket is still found by the key in the document),
 * keys that no longer exist, and when the tracker was last observed. Incremental passes start from
 * here and ask the tracker only for what changed; a full resync starts from an empty memory.
 *
 * <p>Used by one pass at a time.
 */
final class TicketMemory {

    private final Map<String, Ticket> byId = new HashMap<>();
    private final Map<String, String> idByKey = new HashMap<>();
    private final Map<SyncKey, Set<String>> idsBySyncKey = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    /** Tickets whose web link to their document could not be added yet (not visible in searches). */
    private final Map<String, ItemPlan.LinkNeed.Document> pendingDocumentLinks = new HashMap<>();

    private Instant observedAt;
    private Instant lastFullAt;
    private int ownAtLastListing = -1;

    /** Forgets every ticket (a full resync reads them again); pending links and times stay. */
    void forgetTickets() {
        byId.clear();
        idByKey.clear();
        idsBySyncKey.clear();
        missing.clear();
    }

    void remember(Ticket ticket) {
        String id = idOf(ticket);
        String earlierId = idByKey.get(normalize(ticket.key()));
        if (earlierId != null && !earlierId.equals(id) && earlierId.startsWith(SYNTHETIC_ID)) {
            // Known so far only by the key a create returned; now read in full, with its real id.
            removeEntry(earlierId);
        }
        removeEntry(id);
        byId.put(id, ticket);
        idByKey.put(normalize(ticket.key()), id);
        missing.remove(normalize(ticket.key()));
        SyncKey key = ticket.syncKey();
        if (key != null && isOwn(ticket)) {
            idsBySyncKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(id);
        }
    }

    /** Remembers a ticket read under {@code askedKey}, which differs from its own key after a move. */
    void remember(String askedKey, Ticket ticket) {
        remember(ticket);
        idByKey.put(normalize(askedKey), idOf(ticket));
        missing.remove(normalize(askedKey));
    }

    void markMissing(String key) {
        String k = normalize(key);
        String id = idByKey.remove(k);
        if (id != null) {
            removeEntry(id);
        }
        missing.add(k);
    }

    /** Removes a ticket from the id and label indexes; its keys stay mapped until overwritten. */
    private void removeEntry(String id) {
        Ticket gone = byId.remove(id);
        if (gone != null && gone.syncKey() != null) {
            Set<String> ids = idsBySyncKey.get(gone.syncKey());
            if (ids != null) {
                ids.remove(id);
            }
        }
    }

    Optional<Ticket> byKey(String key) {
        String id = idByKey.get(normalize(key));
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    boolean isMissing(String key) {
        return missing.contains(normalize(key));
    }

    boolean knows(String key) {
        return isMissing(key) || byKey(key).isPresent();
    }

    /** The daemon's tickets carrying this item's label, oldest first. */
    List<Ticket> ownBySyncKey(SyncKey key) {
        Set<String> ids = idsBySyncKey.get(key);
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<Ticket> tickets = new ArrayList<>();
        for (String id : ids) {
            Ticket t = byId.get(id);
            if (t != null) {
                tickets.add(t);
            }
        }
        tickets.sort(OLDEST_FIRST);
        return tickets;
    }

    /**
     * Records an issue link this pass added, so the ticket is not linked again before it is read
     * anew (the tracker need not count a new link as an update of the ticket).
     */
    void linked(String ticketKey, String otherKey) {
        byKey(ticketKey).ifPresent(t -> {
            java.util.Set<String> links = new java.util.HashSet<>(t.linkedIssueKeys());
            links.add(otherKey);
            remember(new Ticket(
                    t.id(),
                    t.key(),
                    t.summary(),
                    t.labels(),
                    t.status(),
                    t.dueDate(),
                    t.assignee(),
                    links,
                    t.updated()));
        });
    }

    void addPendingDocumentLink(String ticketKey, ItemPlan.LinkNeed.Document link) {
        pendingDocumentLinks.put(normalize(ticketKey), link);
    }

    void removePendingDocumentLink(String ticketKey) {
        pendingDocumentLinks.remove(normalize(ticketKey));
    }

    Optional<ItemPlan.LinkNeed.Document> pendingDocumentLink(String ticketKey) {
        return Optional.ofNullable(pendingDocumentLinks.get(normalize(ticketKey)));
    }

    /** When the last successful observation of the tracker started, or null before the first. */
    Instant observedAt() {
        return observedAt;
    }

    Instant lastFullAt() {
        return lastFullAt;
    }

    /** How many own tickets the last full listing found; -1 when there was none in this process. */
    int ownAtLastListing() {
        return ownAtLastListing;
    }

    void observed(Instant at, boolean full, int ownListed) {
        observedAt = at;
        if (full) {
            lastFullAt = at;
            if (ownListed >= 0) {
                ownAtLastListing = ownListed;
            }
        }
    }

    static boolean isOwn(Ticket ticket) {
        return ticket.labels().contains(Tracker.OWN_LABEL) || ticket.syncKey() != null;
    }

    private static final String SYNTHETIC_ID = "key:";

    private static String idOf(Ticket ticket) {
        return ticket.id() != null ? ticket.id() : SYNTHETIC_ID + normalize(ticket.key());
    }

    private static String normalize(String key) {
        return key.toUpperCase(java.util.Locale.ROOT);
    }

    /** Jira ids grow with creation; keys of one project too. Oldest ticket = the one to keep. */
    static final Comparator<Ticket> OLDEST_FIRST = Comparator.comparingLong(
                    (Ticket t) -> numericOr(t.id(), Long.MAX_VALUE))
            .thenComparingLong(t -> numericOr(t.key().substring(t.key().lastIndexOf('-') + 1), Long.MAX_VALUE))
            .thenComparing(Ticket::key);

    private static long numericOr(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
