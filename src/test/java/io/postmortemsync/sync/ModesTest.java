package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModesTest {

    @Test
    void withoutWriteBackDocumentsStayUntouchedAndTicketsAreNotCreatedTwice() {
        Fixture f = new Fixture();
        f.writeBack = false;
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        Map<String, byte[]> before = f.source.snapshot();
        SyncEngine engine = f.engine();

        PassReport first = engine.sync();
        f.nextInterval();
        f.tracker.setStatus("OPS-1", FakeTracker.DONE);
        PassReport second = engine.sync();
        PassReport restarted = f.engine().sync();

        assertThat(f.source.sameAs(before)).isTrue();
        assertThat(f.source.written()).isEmpty();
        assertThat(f.tracker.tickets()).hasSize(1);
        assertThat(first.actions()).extracting(PassReport.Action::op).containsExactly(Op.CREATE);
        assertThat(second.actions()).isEmpty();
        assertThat(restarted.actions()).isEmpty();
        // Metrics still follow the ticket (matched by its label).
        assertThat(f.observer
                        .lastDocuments()
                        .getFirst()
                        .postmortem()
                        .items()
                        .getFirst()
                        .status())
                .isEqualTo(ItemStatus.COMPLETED);
    }

    @Test
    void offlineMakesNoTrackerCallAtAllAndStillReportsTheDocuments() {
        Fixture f = new Fixture();
        f.offline = true;
        f.source.put(
                "a.md",
                document(
                        "INC-1",
                        null,
                        "- Raise the pool size | prevent | Not Started | ",
                        "- Has a key | prevent | In Progress | OPS-9"));
        f.source.put("b.md", document("INC-2", null, "- Broken | prevent | Blocked | "));
        Map<String, byte[]> before = f.source.snapshot();

        PassReport report = f.engine().sync();

        assertThat(f.tracker.requests()).isEmpty();
        assertThat(f.source.sameAs(before)).isTrue();
        assertThat(report.kind()).isEqualTo(PassReport.Kind.OFFLINE);
        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(report.actions()).isEmpty();
        assertThat(report.summary()).isEqualTo(new PassReport.Summary(0, 0, 0, 0, 2, 0));
        assertThat(report.errors())
                .extracting(PassReport.Problem::format)
                .containsExactly("b.md:3: error: bad row: - Broken | prevent | Blocked | ");
        assertThat(f.observer.lastDocuments()).hasSize(2);
        assertThat(f.observer.outcomes).containsExactly(PassOutcome.SUCCESS);
    }

    @Test
    void documentProblemsAreReportedWhenADocumentChangesNotEveryPass() {
        Fixture f = new Fixture();
        f.offline = true;
        f.source.put("b.md", document("INC-2", null, "- Broken | prevent | Blocked | "));
        SyncEngine engine = f.engine();

        assertThat(engine.sync().errors()).hasSize(1);
        assertThat(engine.sync().errors()).isEmpty();
        f.source.put("b.md", f.source.text("b.md") + "more prose\n");
        assertThat(engine.sync().errors()).hasSize(1);
    }

    @Test
    void aSecondDocumentWithTheSameIncidentIsReportedAndItsItemsSkipped() {
        Fixture f = new Fixture();
        f.source.put("a.md", document("INC-1", null, "- One | prevent | Not Started | "));
        f.source.put("b.md", document("INC-1", null, "- Two | prevent | Not Started | "));

        PassReport report = f.engine().sync();

        assertThat(f.tracker.tickets()).hasSize(1);
        assertThat(report.errors())
                .extracting(PassReport.Problem::format)
                .containsExactly("b.md:1: error: incident id used by another document");
    }
}
