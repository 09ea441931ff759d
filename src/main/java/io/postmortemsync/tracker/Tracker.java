package io.postmortemsync.tracker;

import io.postmortemsync.postmortem.SyncKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The issue tracker as the sync engine sees it. Implementations classify every failure once, at
 * their edge, into a {@link TrackerException.Kind}; retries of idempotent calls and rate-limit
 * back-off happen inside, so a thrown exception means the operation really failed.
 *
 * <p>Every ticket this daemon creates carries the label {@value #OWN_LABEL} and the label
 * {@code pmsync-<syncKey>}, which is how tickets are found again after a crash.
 */
public interface Tracker extends AutoCloseable {

    /** The label on every ticket the daemon creates. */
    String OWN_LABEL = "postmortem-sync";

    /** Which product answers (detected on first use when configured as {@code auto}). */
    Deployment deployment() throws TrackerException;

    /**
     * Creates one ticket per request, built and routed as DESIGN.md §6 says, in bulk requests of
     * at most 50. Never creates a ticket twice: after an uncertain failure, the request's
     * {@code pmsync-} label is looked up before anything is sent again.
     *
     * @return one result per request, in request order
     * @throws TrackerException only when the tracker as a whole failed (unreachable, credentials);
     *     a rejected ticket is a {@link CreateResult.Failed} instead
     */
    List<CreateResult> create(List<NewTicket> requests) throws TrackerException;

    /** The daemon's tickets carrying the {@code pmsync-} labels of these keys, by key. */
    Map<SyncKey, List<Ticket>> findBySyncKeys(Collection<SyncKey> keys) throws TrackerException;

    /**
     * The daemon's tickets (label {@value #OWN_LABEL}) updated at or after {@code since};
     * {@link Instant#EPOCH} lists them all.
     */
    List<Ticket> findUpdatedSince(Instant since) throws TrackerException;

    /**
     * Reads tickets by key. A ticket moved to another project is found under its old key and
     * comes back with its new key; a key that no longer exists is reported as missing.
     */
    TicketLookup read(Collection<String> keys) throws TrackerException;

    /** Adds an issue link of the configured incident link type between a ticket and the incident's. */
    void linkToIncident(String ticketKey, String incidentKey) throws TrackerException;

    /**
     * Adds, or updates in place, the ticket's web link to its document (remote link with global
     * id {@code postmortem-sync:<syncKey>}).
     */
    void upsertDocumentLink(String ticketKey, SyncKey syncKey, String documentUrl, String title)
            throws TrackerException;

    /**
     * Reads ahead what creating tickets will need (for Jira: the deployment and the create screens
     * of the configured routes), so that the first creates of a pass need not wait for it. The sync
     * engine calls it while it reads the documents of a process's first pass. Best effort: a
     * failure is not thrown but met again, and reported, by the call that needs the data. Does
     * nothing by default.
     */
    default void prepareToCreate() {}

    /** The browse URL of a ticket, as write-back puts it into documents. */
    String browseUrl(String ticketKey);

    @Override
    default void close() {}

    /** Jira Cloud or Jira Data Center / Server. */
    enum Deployment {
        CLOUD,
        DATACENTER
    }

    /** Tickets read by key: {@code found} is keyed by the key asked for (the ticket's own key may differ after a move). */
    record TicketLookup(Map<String, Ticket> found, java.util.Set<String> missing) {
        public TicketLookup {
            found = Map.copyOf(found);
            missing = java.util.Set.copyOf(missing);
        }
    }
}
