package io.postmortemsync.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OverdueTest {

    private static final LocalDate DUE = LocalDate.of(2025, 4, 15);

    private static ActionItem item(ItemStatus status, LocalDate due) {
        return new ActionItem(
                10, "Add alert", ItemType.DETECT, "@bob", due, status, null, SyncKey.of("INC", "Add alert"));
    }

    @Test
    void anItemIsOverdueFromTheDayAfterItsDueDate() {
        assertThat(item(ItemStatus.NOT_STARTED, DUE).isOverdue(LocalDate.of(2025, 4, 15)))
                .isFalse();
        assertThat(item(ItemStatus.NOT_STARTED, DUE).isOverdue(LocalDate.of(2025, 4, 16)))
                .isTrue();
    }

    @Test
    void completedItemsAreNeverOverdue() {
        assertThat(item(ItemStatus.COMPLETED, DUE).isOverdue(LocalDate.of(2026, 1, 1)))
                .isFalse();
    }

    @Test
    void deferredAndInProgressItemsPastDueAreOverdue() {
        assertThat(item(ItemStatus.DEFERRED, DUE).isOverdue(LocalDate.of(2025, 5, 1)))
                .isTrue();
        assertThat(item(ItemStatus.IN_PROGRESS, DUE).isOverdue(LocalDate.of(2025, 5, 1)))
                .isTrue();
    }

    @Test
    void itemsWithoutDueDateAreNeverOverdue() {
        assertThat(item(ItemStatus.NOT_STARTED, null).isOverdue(LocalDate.of(2099, 1, 1)))
                .isFalse();
    }

    @Test
    void diagnosticsFormatLikeACompiler() {
        assertThat(Diagnostic.error(
                                "pm/a.md",
                                42,
                                "Status must be one of: Not Started, In Progress, Completed, Deferred (got \"Blocked\")")
                        .format())
                .isEqualTo(
                        "pm/a.md:42: error: Status must be one of: Not Started, In Progress, Completed, Deferred (got \"Blocked\")");
        assertThat(Diagnostic.warning("pm/a.md", 0, "no action items section").format())
                .isEqualTo("pm/a.md: warning: no action items section");
    }
}
