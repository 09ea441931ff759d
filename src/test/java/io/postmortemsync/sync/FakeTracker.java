package io.postmortemsync.sync;

import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.TicketStatus;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An in-memory tracker with Jira's semantics where the engine depends on them: keys and ids,
 * labels, moved tickets found under their old key, deleted ones missing, bulk creates with
 * per-ticket failures, and a request log that counts what a real adapter would send (search pages
 * of 100 tickets, bulk creates of 50).
 */
final class FakeTracker implements Tracker {

    static final TicketStatus TO_DO = new TicketStatus("To Do", TicketStatus.Category.NEW, null);
    static final TicketStatus IN_PROGRESS = new TicketStatus("In Progress", TicketStatus.Category.INDETERMINATE, null);
    static final TicketStatus DONE = new TicketStatus("Done", TicketStatus.Category.DONE, "Done");
    static final TicketStatus WONT_DO = new TicketStatus("Done", TicketStatus.Category.DONE, "Won't Do");

    /** A ticket as the fake keeps it. */
    static final class Stored {
        final String id;
        String key;
        final String summary;
        final Set<String> labels;
        TicketStatus status = TO_DO;
        Instant updated;
        final Set<String> links = new LinkedHashSet<>();
        final Map<String, String> remoteLinks = new LinkedHashMap<>();
        final NewTicket request;

        Stored(String id, String key, String summary, Set<String> labels, Instant updated, NewTicket request) {
            this.id = id;
            this.key = key;
            this.summary = summary;
            this.labels = labels;
            this.updated = updated;
            this.request = request;
        }

        Ticket toTicket() {
            return new Ticket(id, key, summary, labels, status, null, null, links, updated);
        }
    }

    private final Clock clock;
    private final Map<String, Stored> byKey = new LinkedHashMap<>();
    private final Map<String, String> movedFrom = new HashMap<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private int next = 1;
    private volatile boolean down;
    private volatile Predicate<NewTicket> rejects = r -> false;
    private volatile TrackerException.Kind rejection = TrackerException.Kind.CLIENT_ERROR;
    private volatile Predicate<String> linkRejects = k -> false;
    private volatile int createsLeftBeforeCrash = Integer.MAX_VALUE;
    private volatile Runnable beforeCreate = () -> {};
    private volatile Runnable beforeListing = () -> {};
    private final java.util.concurrent.atomic.AtomicInteger preparations =
            new java.util.concurrent.atomic.AtomicInteger();

    FakeTracker(Clock clock) {
        this.clock = clock;
    }

    // ---- test controls ----------------------------------------------------------------------

    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    void rejectCreate(Predicate<NewTicket> predicate) {
        rejects = predicate;
        rejection = TrackerException.Kind.CLIENT_ERROR;
    }

    /** These creates fail as an adapter reports an unconfirmed create (a 503): not made, try again later. */
    void failCreateTransiently(Predicate<NewTicket> predicate) {
        rejects = predicate;
        rejection = TrackerException.Kind.TRANSIENT;
    }

    /** Runs at the start of every create call (on the caller's thread). */
    void beforeCreate(Runnable hook) {
        beforeCreate = hook;
    }

    /** Runs at the start of every {@code findUpdatedSince} (on the caller's thread). */
    void beforeListing(Runnable hook) {
        beforeListing = hook;
    }

    /** How often the engine asked the tracker to read ahead for creates (no request of its own here). */
    int preparations() {
        return preparations.get();
    }

    void rejectLinksOf(Predicate<String> ticketKey) {
        linkRejects = ticketKey;
    }

    /** After this many more tickets are created, the tracker becomes unreachable mid-request. */
    void crashAfterCreating(int tickets) {
        createsLeftBeforeCrash = tickets;
    }

    synchronized void setStatus(String key, TicketStatus status) {
        Stored t = stored(key);
        t.status = status;
        touch(t);
    }

    synchronized void move(String key, String newKey) {
        Stored t = byKey.remove(key);
        t.key = newKey;
        byKey.put(newKey, t);
        movedFrom.put(key, newKey);
        touch(t);
    }

    synchronized void delete(String key) {
        byKey.remove(key);
    }

    /** A ticket a person created by hand (no labels of ours). */
    synchronized String createForeign(TicketStatus status) {
        Stored t = newStored("Foreign work", Set.of("team-a"), null);
        t.status = status;
        return t.key;
    }

    /** A ticket of ours left by an earlier pass (or a second replica) for this item. */
    synchronized String createLabelled(SyncKey key) {
        return newStored("Left behind", new LinkedHashSet<>(List.of(OWN_LABEL, key.label())), null).key;
    }

    synchronized List<Stored> tickets() {
        return new ArrayList<>(byKey.values());
    }

    synchronized Stored stored(String key) {
        Stored t = byKey.get(key);
        if (t == null) {
            throw new IllegalArgumentException("no ticket " + key);
        }
        return t;
    }

    /** Tickets carrying this sync key's label. */
    synchronized List<Stored> withLabel(SyncKey key) {
        return byKey.values().stream()
                .filter(t -> t.labels.contains(key.label()))
                .toList();
    }

    List<String> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    long count(String operation) {
        return requests().stream().filter(operation::equals).count();
    }

    /** Requests that change something in the tracker. */
    long writes() {
        return requests().stream()
                .filter(r -> r.equals("create") || r.equals("link") || r.equals("remote_link"))
                .count();
    }

    void clearRequests() {
        requests.clear();
    }

    // ---- Tracker ------------------------------------------------------------------------------

    @Override
    public Deployment deployment() {
        return Deployment.CLOUD;
    }

    @Override
    public synchronized List<CreateResult> create(List<NewTicket> batch) throws TrackerException {
        beforeCreate.run();
        for (int i = 0; i < batch.size(); i += 50) {
            request("create");
        }
        List<CreateResult> results = new ArrayList<>();
        for (NewTicket r : batch) {
            if (createsLeftBeforeCrash <= 0) {
                down = true;
                throw new TrackerException(TrackerException.Kind.TRANSIENT, "connection reset by jira.example.com");
            }
            if (rejects.test(r)) {
                results.add(
                        rejection == TrackerException.Kind.CLIENT_ERROR
                                ? new CreateResult.Failed(
                                        r, rejection, "priority: Priority name 'Urgent' is not valid (400)")
                                : new CreateResult.Failed(
                                        r, rejection, "Jira answered 503 and the ticket was not found by its label"));
                continue;
            }
            createsLeftBeforeCrash--;
            Set<String> labels = new LinkedHashSet<>(List.of(
                    OWN_LABEL,
                    "postmortem",
                    r.item().type().id(),
                    r.item().syncKey().label()));
            Stored t = newStored(r.item().action(), labels, r);
            results.add(new CreateResult.Created(r, t.key, false));
        }
        return results;
    }

    @Override
    public synchronized Map<SyncKey, List<Ticket>> findBySyncKeys(Collection<SyncKey> keys) throws TrackerException {
        pages("search", keys.size(), 100);
        Map<SyncKey, List<Ticket>> found = new HashMap<>();
        for (SyncKey k : keys) {
            List<Ticket> tickets = byKey.values().stream()
                    .filter(t -> t.labels.contains(k.label()))
                    .map(Stored::toTicket)
                    .toList();
            if (!tickets.isEmpty()) {
                found.put(k, tickets);
            }
        }
        return found;
    }

    @Override
    public synchronized List<Ticket> findUpdatedSince(Instant since) throws TrackerException {
        beforeListing.run();
        List<Ticket> result = own(since).stream().map(Stored::toTicket).toList();
        pages("search", result.size(), 100);
        return result;
    }

    @Override
    public synchronized TicketLookup read(Collection<String> keys) throws TrackerException {
        pages("read", keys.size(), 100);
        Map<String, Ticket> found = new HashMap<>();
        Set<String> missing = new HashSet<>();
        for (String key : keys) {
            String current = key;
            while (movedFrom.containsKey(current)) {
                current = movedFrom.get(current);
            }
            Stored t = byKey.get(current);
            if (t == null) {
                missing.add(key);
            } else {
                found.put(key, t.toTicket());
            }
        }
        return new TicketLookup(found, missing);
    }

    @Override
    public synchronized void linkToIncident(String ticketKey, String incidentKey) throws TrackerException {
        request("link");
        if (linkRejects.test(ticketKey)) {
            throw new TrackerException(TrackerException.Kind.CLIENT_ERROR, "No issue link type named 'Relates' (400)");
        }
        Stored t = stored(ticketKey);
        t.links.add(incidentKey);
        touch(t);
    }

    @Override
    public synchronized void upsertDocumentLink(String ticketKey, SyncKey syncKey, String documentUrl, String title)
            throws TrackerException {
        request("remote_link");
        if (linkRejects.test(ticketKey)) {
            throw new TrackerException(TrackerException.Kind.CLIENT_ERROR, "remote link refused (400)");
        }
        Stored t = stored(ticketKey);
        t.remoteLinks.put("postmortem-sync:" + syncKey.value(), documentUrl);
        touch(t);
    }

    @Override
    public void prepareToCreate() {
        preparations.incrementAndGet();
    }

    @Override
    public String browseUrl(String ticketKey) {
        return "https://jira.example.com/browse/" + ticketKey;
    }

    // ---- internals ----------------------------------------------------------------------------

    private List<Stored> own(Instant since) {
        return byKey.values().stream()
                .filter(t -> t.labels.contains(OWN_LABEL))
                .filter(t -> !t.updated.isBefore(since))
                .toList();
    }

    private Stored newStored(String summary, Set<String> labels, NewTicket request) {
        int n = next++;
        Stored t = new Stored(String.valueOf(10000 + n), "OPS-" + n, summary, labels, clock.instant(), request);
        byKey.put(t.key, t);
        return t;
    }

    /** Every change moves {@code updated} forward, also when the test clock stands still. */
    private void touch(Stored t) {
        Instant now = clock.instant();
        t.updated = now.isAfter(t.updated) ? now : t.updated.plusMillis(1);
    }

    private void pages(String operation, int results, int pageSize) throws TrackerException {
        int pages = Math.max(1, (results + pageSize - 1) / pageSize);
        for (int i = 0; i < pages; i++) {
            request(operation);
        }
    }

    private void request(String operation) throws TrackerException {
        requests.add(operation);
        if (down) {
            throw new TrackerException(TrackerException.Kind.TRANSIENT, "jira.example.com: connection refused");
        }
    }
}
