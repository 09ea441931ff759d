package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import io.postmortemsync.tracker.Tracker;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateAndAdoptTest {

    private final Fixture f = new Fixture();

    private void twoDocuments() {
        f.source.put(
                "a.md",
                document(
                        "INC-1",
                        null,
                        "- Raise the pool size | prevent | Not Started | ",
                        "- Alert on pool usage | detect | In Progress | "));
        f.source.put("b.md", document("INC-2", null, "- Write the failover runbook | respond | Not Started | "));
    }

    @Test
    void theFirstPassCreatesOneTicketPerItemAndWritesEachKeyBack() {
        twoDocuments();

        PassReport report = f.engine().sync();

        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(f.tracker.tickets()).hasSize(3);
        assertThat(f.tracker.count("create")).isEqualTo(1); // one bulk request
        assertThat(f.source.text("a.md"))
                .contains(
                        "- Raise the pool size | prevent | Not Started | OPS-1",
                        // Jira is authoritative once the ticket exists: a new ticket starts in To Do.
                        "- Alert on pool usage | detect | Not Started | OPS-2");
        assertThat(f.source.text("b.md")).contains("- Write the failover runbook | respond | Not Started | OPS-3");
        assertThat(f.source.text("a.md")).contains("some prose that must survive  \n");
        assertThat(report.summary()).isEqualTo(new PassReport.Summary(3, 0, 0, 3, 0, 0));
        assertThat(report.actions())
                .extracting(
                        PassReport.Action::op,
                        PassReport.Action::file,
                        PassReport.Action::line,
                        PassReport.Action::ticket)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Op.CREATE, "a.md", 3, "OPS-1"),
                        org.assertj.core.groups.Tuple.tuple(Op.WRITE_BACK, "a.md", 3, "OPS-1"),
                        org.assertj.core.groups.Tuple.tuple(Op.CREATE, "a.md", 4, "OPS-2"),
                        org.assertj.core.groups.Tuple.tuple(Op.WRITE_BACK, "a.md", 4, "OPS-2"),
                        org.assertj.core.groups.Tuple.tuple(Op.CREATE, "b.md", 3, "OPS-3"),
                        org.assertj.core.groups.Tuple.tuple(Op.WRITE_BACK, "b.md", 3, "OPS-3"));
        assertThat(f.source.descriptions())
                .contains("OPS-1: ticket key added", "OPS-2: ticket key added", "OPS-2: In Progress -> Not Started");
        assertThat(f.observer.created).containsExactly(ItemType.PREVENT, ItemType.DETECT, ItemType.RESPOND);
    }

    @Test
    void ticketsCarryTheItemsLabelsAndRequests() {
        twoDocuments();
        f.engine().sync();

        FakeTracker.Stored first = f.tracker.stored("OPS-1");
        SyncKey key = SyncKey.of("INC-1", "Raise the pool size");
        assertThat(first.labels).contains(Tracker.OWN_LABEL, key.label());
        assertThat(first.request.item().action()).isEqualTo("Raise the pool size");
        assertThat(first.request.postmortem().incidentId()).isEqualTo("INC-1");
    }

    @Test
    void aSecondPassCreatesNothingAndChangesNoByte() {
        twoDocuments();
        SyncEngine engine = f.engine();
        engine.sync();
        Map<String, byte[]> after = f.source.snapshot();
        f.source.clearCounts();
        f.tracker.clearRequests();
        f.nextInterval();

        PassReport second = engine.sync();

        assertThat(f.tracker.writes()).isZero();
        assertThat(f.source.sameAs(after)).isTrue();
        assertThat(f.source.written()).isEmpty();
        assertThat(second.actions()).isEmpty();
        assertThat(second.summary()).isEqualTo(new PassReport.Summary(0, 0, 0, 0, 3, 0));
    }

    @Test
    void aFreshProcessAfterAFinishedPassCreatesNothingEither() {
        twoDocuments();
        f.engine().sync();
        Map<String, byte[]> after = f.source.snapshot();
        f.tracker.clearRequests();

        PassReport restarted = f.engine().sync();

        assertThat(f.tracker.writes()).isZero();
        assertThat(f.source.sameAs(after)).isTrue();
        assertThat(restarted.kind()).isEqualTo(PassReport.Kind.FULL);
    }

    @Test
    void ticketsLeftByACrashBeforeWriteBackAreAdoptedNotCreatedAgain() {
        twoDocuments();
        // The crashed pass created the tickets, then died before writing back: documents have no keys.
        f.source.lock("a.md");
        f.source.lock("b.md");
        f.engine().sync();
        f.source.unlock("a.md");
        f.source.unlock("b.md");
        assertThat(f.tracker.tickets()).hasSize(3);
        f.tracker.clearRequests();

        PassReport next = f.engine().sync();

        assertThat(f.tracker.count("create")).isZero();
        assertThat(f.tracker.tickets()).hasSize(3);
        assertThat(next.summary().adopted()).isEqualTo(3);
        assertThat(next.actions())
                .filteredOn(a -> a.op() == Op.ADOPT)
                .extracting(PassReport.Action::ticket)
                .containsExactlyInAnyOrder("OPS-1", "OPS-2", "OPS-3");
        assertThat(f.source.text("a.md")).contains("| OPS-1", "| OPS-2");
        assertThat(f.source.text("b.md")).contains("| OPS-3");
    }

    /** Whatever point of a pass the process dies at, the next process ends with one ticket per item. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 49, 50, 51, 99, 119})
    void aRestartAtAnyPointEndsWithExactlyOneTicketPerItem(int createdBeforeTheCrash) {
        for (int d = 0; d < 24; d++) {
            String[] rows = IntStream.range(0, 5)
                    .mapToObj(i -> "- Item " + i + " | prevent | Not Started | ")
                    .toArray(String[]::new);
            f.source.put(String.format("doc-%02d.md", d), document("INC-" + d, null, rows));
        }
        f.tracker.crashAfterCreating(createdBeforeTheCrash);
        PassReport crashed = f.engine().sync();
        assertThat(crashed.outcome()).isEqualTo(PassOutcome.FAILURE);

        f.tracker.comeBack();
        f.tracker.crashAfterCreating(Integer.MAX_VALUE);
        f.engine().sync();

        assertThat(f.tracker.tickets()).hasSize(120);
        for (int d = 0; d < 24; d++) {
            for (int i = 0; i < 5; i++) {
                assertThat(f.tracker.withLabel(SyncKey.of("INC-" + d, "Item " + i)))
                        .hasSize(1);
            }
            assertThat(f.source.text(String.format("doc-%02d.md", d))).doesNotContain("Not Started | \n");
        }
    }

    @Test
    void whenTheTrackerFailsMidPassTheKeysOfTicketsCreatedSoFarAreStillWrittenBack() {
        for (int d = 0; d < 20; d++) {
            String[] rows = IntStream.range(0, 5)
                    .mapToObj(i -> "- Item " + i + " | prevent | Not Started | ")
                    .toArray(String[]::new);
            f.source.put(String.format("doc-%02d.md", d), document("INC-" + d, null, rows));
        }
        f.tracker.crashAfterCreating(50); // of two bulk requests of 50, whichever comes first succeeds, the other dies

        PassReport report = f.engine().sync();

        assertThat(report.outcome()).isEqualTo(PassOutcome.FAILURE);
        assertThat(report.errors()).first().satisfies(p -> {
            assertThat(p.file()).isNull();
            assertThat(p.message()).startsWith("the tracker failed: ").contains("connection reset");
        });
        assertThat(f.tracker.tickets()).hasSize(50);
        long keysWritten = f.source.snapshot().keySet().stream()
                .flatMap(path -> f.source.text(path).lines())
                .filter(l -> l.matches(".*\\| OPS-\\d+$"))
                .count();
        assertThat(keysWritten).isEqualTo(50);
        assertThat(report.summary().created()).isEqualTo(50);
        assertThat(report.actions())
                .filteredOn(a -> a.op() == Op.SKIP)
                .hasSize(50)
                .allSatisfy(a -> assertThat(a.detail()).startsWith("not created in this pass"));
    }

    @Test
    void aDocumentIsWrittenAsSoonAsItsTicketsExistWhileOtherCreatesAreStillToCome() {
        for (int d = 0; d < 20; d++) {
            String[] rows = IntStream.range(0, 5)
                    .mapToObj(i -> "- Item " + i + " | prevent | Not Started | ")
                    .toArray(String[]::new);
            f.source.put(String.format("doc-%02d.md", d), document("INC-" + d, null, rows));
        }
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger writtenBeforeSecondCreate =
                new java.util.concurrent.atomic.AtomicInteger(-1);
        f.tracker.beforeCreate(() -> {
            if (calls.incrementAndGet() == 2) {
                try {
                    // The ten documents of the first bulk request are written before the second is sent.
                    writtenBeforeSecondCreate.set(f.source.awaitWrites(10, java.time.Duration.ofSeconds(10)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        f.engine().sync();

        assertThat(calls).hasValue(2);
        assertThat(writtenBeforeSecondCreate.get()).isGreaterThanOrEqualTo(10);
        assertThat(f.source.written()).hasSize(20);
    }

    @Test
    void finishedItemsWithoutATicketGetNone() {
        f.source.put(
                "a.md",
                document(
                        "INC-1",
                        null,
                        "- Already done | prevent | Completed | ",
                        "- Dropped | prevent | Won't Do | ",
                        "- Still open | prevent | Not Started | "));

        PassReport report = f.engine().sync();

        assertThat(f.tracker.tickets()).hasSize(1);
        assertThat(report.actions())
                .filteredOn(a -> a.op() == Op.SKIP)
                .extracting(PassReport.Action::line, PassReport.Action::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                3, "Completed in the document; no ticket is created for it"),
                        org.assertj.core.groups.Tuple.tuple(
                                4, "Deferred in the document; no ticket is created for it"));
        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
    }

    @Test
    void whenTwoTicketsCarryAnItemsLabelTheOldestIsAdoptedAndTheOtherReported() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        SyncKey key = SyncKey.of("INC-1", "Raise the pool size");
        f.tracker.createLabelled(key);
        f.tracker.createLabelled(key);

        PassReport report = f.engine().sync();

        assertThat(f.tracker.count("create")).isZero();
        assertThat(f.source.text("a.md")).contains("| OPS-1");
        assertThat(report.actions())
                .filteredOn(a -> a.op() == Op.ADOPT)
                .singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("also labelled: OPS-2"));
        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.severity().id()).isEqualTo("warning");
            assertThat(p.format())
                    .startsWith("a.md:3: warning: tickets OPS-1, OPS-2 all carry the label " + key.label());
        });
    }
}
