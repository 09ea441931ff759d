package io.postmortemsync.sync;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers operations that failed for one item (a ticket Jira refused, a link, a locked file) so
 * they are retried with back-off instead of hammering the tracker every pass: the first retry is
 * the next pass, then after 1, 3, 7 … skipped passes, at most {@value #MAX_SKIPPED_PASSES}.
 *
 * <p>Counted in passes rather than time: the daemon's passes are {@code sync.interval} apart, and a
 * failure late in one pass must still be retried by the very next one.
 */
final class RetryBook {

    static final int MAX_SKIPPED_PASSES = 15;

    private record Entry(int failures, long retryAtPass, String reason) {}

    private final Map<String, Entry> entries = new HashMap<>();
    private long pass;

    /** Starts a new pass; waiting operations move one pass closer to their retry. */
    void startPass() {
        pass++;
    }

    /** The failure an operation is waiting on, when it must not be tried in this pass. */
    Optional<ItemPlan.Waiting> waiting(String subject, String operation) {
        Entry e = entries.get(subject);
        if (e == null || pass >= e.retryAtPass) {
            return Optional.empty();
        }
        return Optional.of(new ItemPlan.Waiting(operation, e.failures, e.reason));
    }

    void failed(String subject, String reason) {
        Entry previous = entries.get(subject);
        int failures = previous == null ? 1 : previous.failures + 1;
        long skipped = Math.min((1L << Math.min(failures - 1, 30)) - 1, MAX_SKIPPED_PASSES);
        entries.put(subject, new Entry(failures, pass + 1 + skipped, reason));
    }

    void succeeded(String subject) {
        entries.remove(subject);
    }

    int size() {
        return entries.size();
    }

    static String create(io.postmortemsync.postmortem.SyncKey key) {
        return "create:" + key.value();
    }

    static String link(io.postmortemsync.postmortem.SyncKey key, ItemPlan.LinkNeed need) {
        return switch (need) {
            case ItemPlan.LinkNeed.Incident i -> "incident-link:" + key.value();
            case ItemPlan.LinkNeed.Document d -> "document-link:" + key.value();
        };
    }

    static String write(String path) {
        return "write:" + path;
    }
}
