package io.postmortemsync.metrics;

import static io.postmortemsync.metrics.TestDocuments.document;
import static io.postmortemsync.metrics.TestDocuments.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

@SuppressWarnings("EnumOrdinal") // picks enum values at random or in turn, by index
class ActionItemStateTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 1);

    @Test
    void overdueCountsByBinarySearchAgreeWithTheDomainRuleOnEveryDay() {
        Random random = new Random(42);
        List<ParsedDocument> documents = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            List<TestDocuments.Item> items = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                LocalDate due = random.nextInt(10) == 0 ? null : START.plusDays(random.nextInt(60));
                items.add(item(
                        "action " + d + "-" + i,
                        ItemType.values()[random.nextInt(3)],
                        ItemStatus.values()[random.nextInt(4)],
                        due));
            }
            documents.add(document(
                    "pm-" + d + ".md",
                    random.nextBoolean() ? null : Severity.values()[random.nextInt(4)],
                    List.of("svc-" + random.nextInt(5)),
                    items));
        }
        ActionItemState state = ActionItemState.next(ActionItemState.EMPTY, documents);

        for (LocalDate today = START.minusDays(1); today.isBefore(START.plusDays(62)); today = today.plusDays(1)) {
            LocalDate day = today;
            long expected = documents.stream()
                    .flatMap(doc -> doc.postmortem().items().stream())
                    .filter(actionItem -> actionItem.isOverdue(day))
                    .count();
            long counted = state.overdue().stream()
                    .mapToLong(series -> series.overdueOn(day.toEpochDay()))
                    .sum();
            assertThat(counted).as("overdue on %s", day).isEqualTo(expected);
        }
    }

    @Test
    void eachSeriesCountsOnlyItsOwnItems() {
        List<ParsedDocument> documents = List.of(
                document(
                        "a.md",
                        Severity.P1,
                        List.of("web"),
                        List.of(
                                item("one", ItemType.DETECT, ItemStatus.NOT_STARTED, START),
                                item("two", ItemType.DETECT, ItemStatus.IN_PROGRESS, START))),
                document(
                        "b.md",
                        Severity.P1,
                        List.of("web"),
                        List.of(item("three", ItemType.DETECT, ItemStatus.NOT_STARTED, START.plusDays(5)))));
        ActionItemState state = ActionItemState.next(ActionItemState.EMPTY, documents);
        long dayAfterAll = START.plusDays(10).toEpochDay();

        assertThat(state.overdue())
                .extracting(series -> series.key().status() + "=" + series.overdueOn(dayAfterAll))
                .containsExactly("in_progress=1", "not_started=2");
        assertThat(state.overdue())
                .extracting(series -> series.overdueOn(START.plusDays(1).toEpochDay()))
                .containsExactly(1, 1);
    }

    @Test
    void theServiceLabelIsTheFirstServiceOrUnknown() {
        assertThat(ActionItemState.serviceLabel(document("a.md", null, List.of("payments", "checkout"), List.of())
                        .postmortem()))
                .isEqualTo("payments");
        assertThat(ActionItemState.serviceLabel(
                        document("a.md", null, List.of(), List.of()).postmortem()))
                .isEqualTo("unknown");
        assertThat(ActionItemState.serviceLabel(
                        document("a.md", null, List.of("  "), List.of()).postmortem()))
                .isEqualTo("unknown");
    }
}
