package io.postmortemsync.sync;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tracker side of a pass into the {@link TicketMemory}, with as few requests as the
 * situation allows.
 *
 * <ul>
 *   <li><b>Full</b> (first pass of a process, then every {@code sync.fullResyncInterval}): every
 *       ticket the documents reference is read again. When the daemon's own tickets are about as
 *       many as the documents reference or lack (the usual case, and always on a cold start), one
 *       listing of them is cheapest and also finds every ticket a crashed pass left behind;
 *       otherwise the referenced tickets are read by key and the items without a key are looked
 *       up by their {@code pmsync-} labels.
 *   <li><b>Incremental</b>: the daemon's tickets updated since the previous pass started (minus
 *       an overlap for clock skew), plus references the memory does not know (new rows, tickets
 *       of changed documents that are not the daemon's) and the labels of new items. A pass in
 *       which nothing changed costs one search.
 * </ul>
 */
final class TrackerReader {

    /** Keys per read call; the adapter may split further. */
    static final int READ_CHUNK = 100;
    /** Labels per lookup call (Jira's adapter searches 50 labels per request). */
    static final int LABEL_CHUNK = 50;
    /**
     * How far an incremental pass looks back before the previous one started: the engine's clock
     * asks, the tracker's clock stamps {@code updated}, and the two may differ. (What the tracker's
     * own search needs on top, such as JQL's minute precision or an index that lags, the adapter
     * adds.) A ticket seen again is simply remembered again.
     */
    static final Duration OVERLAP = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(TrackerReader.class);

    /**
     * @param kind full or incremental
     * @param startedAt when reading started: the next incremental pass looks for updates from here
     */
    record Observation(PassReport.Kind kind, Instant startedAt) {}

    private final Tracker tracker;
    private final Fanout fanout;
    private final Clock clock;
    private final Duration fullResyncInterval;

    TrackerReader(Tracker tracker, Fanout fanout, Clock clock, Duration fullResyncInterval) {
        this.tracker = tracker;
        this.fanout = fanout;
        this.clock = clock;
        this.fullResyncInterval = fullResyncInterval;
    }

    /**
     * The reads that need no documents, to run while the documents are read and parsed: on the
     * first observation into a memory (a process's first pass; every {@code plan}) the full pass
     * lists the daemon's tickets whatever the documents hold, and the creates that usually follow
     * can have their tracker metadata read ahead ({@code prepareToCreate}). Nothing is sent before
     * {@link Prefetch#start}.
     */
    Prefetch prefetch(TicketMemory memory, boolean prepareToCreate) {
        return memory.observedAt() != null ? Prefetch.NONE : new Prefetch(tracker, clock, prepareToCreate);
    }

    /**
     * Reads started before the documents were parsed (see {@link #prefetch}). Closed when the pass
     * ends: whatever still runs then is interrupted and waited for.
     */
    static final class Prefetch implements AutoCloseable {

        static final Prefetch NONE = new Prefetch(null, null, false);

        private final Tracker tracker;
        private final Clock clock;
        private final boolean prepareToCreate;
        private ExecutorService executor;
        private Future<List<Ticket>> listing;
        private Instant startedAt;

        private Prefetch(Tracker tracker, Clock clock, boolean prepareToCreate) {
            this.tracker = tracker;
            this.clock = clock;
            this.prepareToCreate = prepareToCreate;
        }

        /** Sends the reads (once the documents are known to be readable: a pass that cannot read them asks nothing). */
        void start() {
            if (tracker == null || executor != null) {
                return;
            }
            startedAt = clock.instant();
            // Virtual threads: both calls wait on the network while the parse keeps the cores busy.
            executor = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("pmsync-prefetch-", 0).factory());
            listing = executor.submit(() -> tracker.findUpdatedSince(Instant.EPOCH));
            if (prepareToCreate) {
                executor.execute(tracker::prepareToCreate);
            }
        }

        /** The daemon's tickets, as listed by the prefetch; null when it did not run. */
        List<Ticket> ownTickets() throws TrackerException {
            if (listing == null) {
                return null;
            }
            return TrackerException.await(listing, "the listing of the daemon's tickets");
        }

        /** When the listing was sent; null when it did not run. */
        Instant startedAt() {
            return startedAt;
        }

        @Override
        public void close() {
            if (executor == null) {
                return;
            }
            // The pass is over: what still runs (a listing a failed pass never asked for, a read-ahead
            // of a pass without creates) is of no use any more and must not outlive it.
            executor.shutdownNow();
            executor.close();
        }
    }

    Observation observe(DocumentCatalog.Snapshot documents, TicketMemory memory, Prefetch prefetch)
            throws TrackerException {
        Instant now = clock.instant();
        boolean full = memory.observedAt() == null
                || memory.lastFullAt() == null
                || !now.isBefore(memory.lastFullAt().plus(fullResyncInterval));
        Observation observation =
                full ? observeFully(documents, memory, now, prefetch) : observeChanges(documents, memory, now);
        log.debug("tracker read: {} pass", observation.kind().id());
        return observation;
    }

    private Observation observeFully(
            DocumentCatalog.Snapshot documents, TicketMemory memory, Instant now, Prefetch prefetch)
            throws TrackerException {
        Set<String> references = references(documents.documents(), null);
        Set<SyncKey> unreferenced = unreferenced(documents.documents(), memory, false);
        int ownBefore = memory.ownAtLastListing();
        memory.forgetTickets();
        int ownListed = -1;
        List<Ticket> prefetched = prefetch.ownTickets();
        // The next incremental pass looks for updates from when reading started: the prefetch's start when it listed.
        Instant startedAt = prefetched != null ? prefetch.startedAt() : now;
        if (prefetched != null || ownBefore < 0 || ownBefore <= references.size() + unreferenced.size()) {
            List<Ticket> own = prefetched != null ? prefetched : tracker.findUpdatedSince(Instant.EPOCH);
            own.forEach(memory::remember);
            ownListed = own.size();
            // Tickets not in the listing: other people's tickets, moved ones (found by their old key), deleted ones.
            read(references.stream().filter(k -> !memory.knows(k)).toList(), memory);
        } else {
            read(new ArrayList<>(references), memory);
            lookUpLabels(unreferenced, memory);
        }
        memory.observed(startedAt, true, ownListed);
        return new Observation(PassReport.Kind.FULL, startedAt);
    }

    private Observation observeChanges(DocumentCatalog.Snapshot documents, TicketMemory memory, Instant startedAt)
            throws TrackerException {
        for (Ticket changed : tracker.findUpdatedSince(memory.observedAt().minus(OVERLAP))) {
            memory.remember(changed);
        }
        Set<String> toRead = new LinkedHashSet<>();
        for (String key : references(documents.documents(), null)) {
            if (!memory.knows(key)) {
                toRead.add(key);
            }
        }
        // Other people's tickets are not in the stamps: read them again when their document changed.
        for (String key : references(documents.documents(), documents.changed())) {
            if (memory.byKey(key).map(t -> !TicketMemory.isOwn(t)).orElse(false)) {
                toRead.add(key);
            }
        }
        read(new ArrayList<>(toRead), memory);
        lookUpLabels(unreferenced(documents.documents(), memory, true), memory);
        memory.observed(startedAt, false, -1);
        return new Observation(PassReport.Kind.INCREMENTAL, startedAt);
    }

    /** Reads tickets by key, in parallel chunks; a key that no longer exists is remembered as missing. */
    void read(List<String> keys, TicketMemory memory) throws TrackerException {
        if (keys.isEmpty()) {
            return;
        }
        for (Tracker.TicketLookup lookup :
                all(fanout.run(Fanout.chunks(keys, READ_CHUNK), tracker::read, () -> false, e -> true))) {
            lookup.found().forEach(memory::remember);
            lookup.missing().forEach(memory::markMissing);
        }
    }

    private void lookUpLabels(Collection<SyncKey> keys, TicketMemory memory) throws TrackerException {
        if (keys.isEmpty()) {
            return;
        }
        List<SyncKey> list = new ArrayList<>(keys);
        for (Map<SyncKey, List<Ticket>> found :
                all(fanout.run(Fanout.chunks(list, LABEL_CHUNK), tracker::findBySyncKeys, () -> false, e -> true))) {
            found.values().forEach(tickets -> tickets.forEach(memory::remember));
        }
    }

    private static <R> List<R> all(List<Fanout.Outcome<R>> outcomes) throws TrackerException {
        List<R> values = new ArrayList<>(outcomes.size());
        for (Fanout.Outcome<R> outcome : outcomes) {
            switch (outcome) {
                case Fanout.Outcome.Done<R> done -> values.add(done.value());
                case Fanout.Outcome.Failed<R> failed -> throw failed.error();
                case Fanout.Outcome.NotRun<R> notRun -> {} // only after a failure, which is thrown above
            }
        }
        return values;
    }

    /** Ticket keys the documents name; only those of {@code paths} when given. */
    private static Set<String> references(List<ParsedDocument> documents, Set<String> paths) {
        Set<String> keys = new LinkedHashSet<>();
        for (ParsedDocument doc : documents) {
            if (paths == null || paths.contains(doc.file())) {
                for (ActionItem item : doc.postmortem().items()) {
                    if (item.hasTicket()) {
                        keys.add(item.ticket());
                    }
                }
            }
        }
        return keys;
    }

    /**
     * Sync keys of items without a ticket key. Incremental passes look up only items that could be
     * created (open) and that the memory has no ticket for.
     */
    private static Set<SyncKey> unreferenced(
            List<ParsedDocument> documents, TicketMemory memory, boolean onlyUnknownOpen) {
        Set<SyncKey> keys = new LinkedHashSet<>();
        for (ParsedDocument doc : documents) {
            for (ActionItem item : doc.postmortem().items()) {
                if (item.hasTicket()) {
                    continue;
                }
                if (onlyUnknownOpen
                        && (isFinished(item)
                                || !memory.ownBySyncKey(item.syncKey()).isEmpty())) {
                    continue;
                }
                keys.add(item.syncKey());
            }
        }
        return keys;
    }

    private static boolean isFinished(ActionItem item) {
        return item.status() == ItemStatus.COMPLETED || item.status() == ItemStatus.DEFERRED;
    }
}
