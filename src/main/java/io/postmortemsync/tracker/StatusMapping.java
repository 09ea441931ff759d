package io.postmortemsync.tracker;

import io.postmortemsync.postmortem.ItemStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a ticket's status into the item status written back into documents (DESIGN.md §6): a
 * status name listed in {@code tracker.statuses} wins; otherwise the status category decides,
 * and a done ticket whose resolution is in {@code deferredResolutions} is Deferred.
 */
public final class StatusMapping {

    private final Map<String, ItemStatus> byName;
    private final Set<String> deferredResolutions;

    public StatusMapping(Map<String, ItemStatus> statuses, List<String> deferredResolutions) {
        // Jira status and resolution names are compared case-insensitively: "Won't do" is "Won't Do".
        this.byName = statuses.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> fold(e.getKey()), Map.Entry::getValue));
        this.deferredResolutions =
                deferredResolutions.stream().map(StatusMapping::fold).collect(Collectors.toUnmodifiableSet());
    }

    public ItemStatus toItemStatus(TicketStatus status) {
        ItemStatus named = status.name() == null ? null : byName.get(fold(status.name()));
        if (named != null) {
            return named;
        }
        return switch (status.category()) {
            case NEW, UNDEFINED -> ItemStatus.NOT_STARTED;
            case INDETERMINATE -> ItemStatus.IN_PROGRESS;
            case DONE ->
                status.resolution() != null && deferredResolutions.contains(fold(status.resolution()))
                        ? ItemStatus.DEFERRED
                        : ItemStatus.COMPLETED;
        };
    }

    private static String fold(String name) {
        return name.strip().replace('\u2019', '\'').toLowerCase(Locale.ROOT);
    }
}
