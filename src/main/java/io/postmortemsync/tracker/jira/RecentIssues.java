package io.postmortemsync.tracker.jira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Ids of issues this process created lately. Cloud search is eventually consistent and shows a
 * new issue at once only when its id is passed as {@code reconcileIssues} (at most 50), so the
 * last 50 created within the window are kept for that.
 */
final class RecentIssues {

    private record Recent(long id, Instant at) {}

    private final Clock clock;
    private final Duration window;
    private final int max;
    private final Deque<Recent> recent = new ArrayDeque<>();

    RecentIssues(Clock clock, Duration window, int max) {
        this.clock = clock;
        this.window = window;
        this.max = max;
    }

    synchronized void add(String id) {
        try {
            recent.addLast(new Recent(Long.parseLong(id), clock.instant()));
        } catch (NumberFormatException notAnId) {
            return;
        }
        while (recent.size() > max) {
            recent.removeFirst();
        }
    }

    synchronized List<Long> ids() {
        Instant cutoff = clock.instant().minus(window);
        recent.removeIf(r -> r.at().isBefore(cutoff));
        return recent.stream().map(Recent::id).toList();
    }
}
