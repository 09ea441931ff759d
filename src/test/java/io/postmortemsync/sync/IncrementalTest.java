package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncrementalTest {

    private final Fixture f = new Fixture();
    private SyncEngine engine;

    @BeforeEach
    void synced() {
        for (int d = 0; d < 10; d++) {
            String[] rows = IntStream.range(0, 5)
                    .mapToObj(i -> "- Item " + i + " | prevent | Not Started | ")
                    .toArray(String[]::new);
            f.source.put(String.format("doc-%02d.md", d), document("INC-" + d, null, rows));
        }
        engine = f.engine();
        PassReport cold = engine.sync();
        assertThat(cold.kind()).isEqualTo(PassReport.Kind.FULL);
        f.tracker.clearRequests();
        f.source.clearCounts();
        f.nextInterval();
    }

    @Test
    void aPassWithNothingChangedCostsOneSearchAndReadsNoDocument() {
        PassReport steady = engine.sync();

        assertThat(steady.kind()).isEqualTo(PassReport.Kind.INCREMENTAL);
        assertThat(f.tracker.requests()).containsExactly("search");
        assertThat(f.source.reads()).isZero();
        assertThat(f.source.written()).isEmpty();
    }

    @Test
    void aPassAfterStatusChangesCostsOneSearchAndWritesOnlyTheirDocuments() {
        f.tracker.setStatus("OPS-3", FakeTracker.IN_PROGRESS); // doc-00
        f.tracker.setStatus("OPS-12", FakeTracker.DONE); // doc-02
        f.tracker.setStatus("OPS-13", FakeTracker.DONE); // doc-02

        engine.sync();

        assertThat(f.tracker.requests()).containsExactly("search"); // the changed tickets come with it
        assertThat(f.source.written()).containsExactly("doc-00.md", "doc-02.md");
    }

    @Test
    void itsOwnWriteBacksDoNotMakeDocumentsCountAsChanged() {
        f.tracker.setStatus("OPS-3", FakeTracker.IN_PROGRESS);
        engine.sync();
        f.nextInterval();
        f.tracker.clearRequests();
        f.source.clearCounts();

        engine.sync();

        assertThat(f.source.reads()).isZero();
        assertThat(f.tracker.requests()).containsExactly("search");
    }

    @Test
    void onlyDocumentsWhoseVersionChangedAreReadAgain() {
        f.source.put("doc-04.md", f.source.text("doc-04.md") + "- Item 5 | detect | Not Started | \n");

        PassReport report = engine.sync();

        assertThat(f.source.reads()).isEqualTo(1);
        // The new row: its label is looked up first, then it is created.
        assertThat(f.tracker.requests()).containsExactly("search", "search", "create", "read");
        assertThat(report.summary().created()).isEqualTo(1);
    }

    @Test
    void otherPeoplesTicketsAreReadAgainWhenTheirDocumentChangesOrOnAFullResync() {
        String foreign = f.tracker.createForeign(FakeTracker.TO_DO);
        f.source.put("hand.md", document("INC-H", null, "- By hand | respond | Not Started | " + foreign));
        engine.sync();
        f.nextInterval();

        f.tracker.setStatus(foreign, FakeTracker.IN_PROGRESS); // not one of ours: invisible to the stamp search
        engine.sync();
        assertThat(f.source.text("hand.md")).contains("| Not Started | " + foreign);

        f.source.put("hand.md", f.source.text("hand.md") + "prose edited\n");
        f.nextInterval();
        engine.sync();
        assertThat(f.source.text("hand.md")).contains("| In Progress | " + foreign);
    }

    @Test
    void everyFullResyncIntervalEveryReferencedTicketIsReadAgain() {
        String foreign = f.tracker.createForeign(FakeTracker.TO_DO);
        f.source.put("hand.md", document("INC-H", null, "- By hand | respond | Not Started | " + foreign));
        engine.sync();
        f.tracker.setStatus(foreign, FakeTracker.DONE);

        f.clock.advance(Duration.ofMinutes(30));
        PassReport incremental = engine.sync();
        f.clock.advance(Duration.ofMinutes(31));
        f.tracker.clearRequests();
        PassReport full = engine.sync();

        assertThat(incremental.kind()).isEqualTo(PassReport.Kind.INCREMENTAL);
        assertThat(full.kind()).isEqualTo(PassReport.Kind.FULL);
        // One listing of our 50 tickets (a page of 100) and one read of the ticket that is not ours.
        assertThat(f.tracker.requests()).containsExactly("search", "read");
        assertThat(f.source.text("hand.md")).contains("| Completed | " + foreign);
    }

    @Test
    void ticketsDeletedBetweenFullResyncsAreFoundAtTheNext() {
        f.tracker.delete("OPS-1");
        PassReport incremental = engine.sync();
        assertThat(incremental.summary().failed()).isZero();

        f.clock.advance(Duration.ofHours(1));
        PassReport full = engine.sync();
        assertThat(full.summary().failed()).isEqualTo(1);
        assertThat(f.tracker.count("create")).isZero();
    }
}
