package io.postmortemsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.tracker.TicketStatus.Category;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusMappingTest {

    private final StatusMapping mapping = new StatusMapping(
            Map.of("Won't Do", ItemStatus.DEFERRED, "Blocked", ItemStatus.NOT_STARTED),
            List.of("Won't Do", "Won't Fix", "Duplicate"));

    @Test
    void statusCategoriesMapToItemStatuses() {
        assertThat(mapping.toItemStatus(new TicketStatus("To Do", Category.NEW, null)))
                .isEqualTo(ItemStatus.NOT_STARTED);
        assertThat(mapping.toItemStatus(new TicketStatus("In Review", Category.INDETERMINATE, null)))
                .isEqualTo(ItemStatus.IN_PROGRESS);
        assertThat(mapping.toItemStatus(new TicketStatus("Done", Category.DONE, "Done")))
                .isEqualTo(ItemStatus.COMPLETED);
    }

    @Test
    void aDoneTicketWithADeferredResolutionIsDeferred() {
        assertThat(mapping.toItemStatus(new TicketStatus("Done", Category.DONE, "Duplicate")))
                .isEqualTo(ItemStatus.DEFERRED);
        assertThat(mapping.toItemStatus(new TicketStatus("Closed", Category.DONE, "won't fix")))
                .isEqualTo(ItemStatus.DEFERRED);
    }

    @Test
    void aConfiguredStatusNameWinsOverItsCategory() {
        assertThat(mapping.toItemStatus(new TicketStatus("Won't Do", Category.DONE, null)))
                .isEqualTo(ItemStatus.DEFERRED);
        assertThat(mapping.toItemStatus(new TicketStatus("blocked", Category.INDETERMINATE, null)))
                .isEqualTo(ItemStatus.NOT_STARTED);
    }
}
