package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import io.postmortemsync.tracker.TicketStatus;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MirrorTest {

    private final Fixture f = new Fixture();
    private SyncEngine engine;

    @BeforeEach
    void ticketsExist() {
        f.source.put(
                "a.md",
                document(
                        "INC-1",
                        null,
                        "- Raise the pool size | prevent | Not Started | ",
                        "- Alert on pool usage | detect | Not Started | "));
        engine = f.engine();
        engine.sync();
        assertThat(f.source.text("a.md")).contains("| OPS-1", "| OPS-2");
        f.nextInterval();
    }

    @Test
    void theTicketsStatusFollowsTheWorkflowIntoTheDocument() {
        f.tracker.setStatus("OPS-1", FakeTracker.IN_PROGRESS);
        engine.sync();
        assertThat(f.source.text("a.md")).contains("- Raise the pool size | prevent | In Progress | OPS-1");

        f.nextInterval();
        f.tracker.setStatus("OPS-1", FakeTracker.DONE);
        PassReport done = engine.sync();
        assertThat(f.source.text("a.md")).contains("- Raise the pool size | prevent | Completed | OPS-1");
        assertThat(done.actions()).singleElement().satisfies(a -> {
            assertThat(a.op()).isEqualTo(Op.WRITE_BACK);
            assertThat(a.detail()).isEqualTo("OPS-1: In Progress -> Completed");
            assertThat(a.line()).isEqualTo(3);
        });

        f.nextInterval();
        f.tracker.setStatus("OPS-2", FakeTracker.WONT_DO);
        engine.sync();
        assertThat(f.source.text("a.md")).contains("- Alert on pool usage | detect | Deferred | OPS-2");
        assertThat(f.source.descriptions())
                .contains(
                        "OPS-1: Not Started -> In Progress",
                        "OPS-1: In Progress -> Completed",
                        "OPS-2: Not Started -> Deferred");
    }

    @Test
    void aStatusNamedInTheConfigurationWinsOverItsCategory() {
        f.tracker.setStatus("OPS-1", new TicketStatus("Won't Do", TicketStatus.Category.DONE, null));
        engine.sync();
        assertThat(f.source.text("a.md")).contains("- Raise the pool size | prevent | Deferred | OPS-1");
    }

    @Test
    void aHandEditOfTheStatusIsOverwrittenByTheTicketsStatusAndSaidSo() {
        f.source.put(
                "a.md",
                f.source
                        .text("a.md")
                        .replace(
                                "Raise the pool size | prevent | Not Started",
                                "Raise the pool size | prevent | Completed"));

        PassReport report = engine.sync();

        assertThat(f.source.text("a.md")).contains("- Raise the pool size | prevent | Not Started | OPS-1");
        assertThat(report.actions())
                .singleElement()
                .satisfies(a -> assertThat(a.detail())
                        .isEqualTo(
                                "OPS-1: Completed -> Not Started (the status was edited by hand; the ticket's wins)"));
    }

    @Test
    void aTicketMovedToAnotherProjectGetsItsNewKeyWrittenBack() {
        f.tracker.move("OPS-2", "SRE-9");

        PassReport report = engine.sync();

        assertThat(f.source.text("a.md")).contains("- Alert on pool usage | detect | Not Started | SRE-9");
        assertThat(report.actions()).singleElement().satisfies(a -> {
            assertThat(a.ticket()).isEqualTo("SRE-9");
            assertThat(a.detail()).isEqualTo("SRE-9: moved from OPS-2");
        });
        assertThat(f.tracker.count("create")).isEqualTo(1);
    }

    @Test
    void aMovedTicketIsFollowedAlsoOnAFullResync() {
        f.tracker.move("OPS-2", "SRE-9");
        f.engine().sync(); // a new process: full pass, listing plus a read of the key it could not find
        assertThat(f.source.text("a.md")).contains("| SRE-9");
    }

    @Test
    void aDeletedTicketIsReportedWithFileAndLineAndNotRecreated() {
        f.tracker.delete("OPS-1");
        Map<String, byte[]> before = f.source.snapshot();

        PassReport report = f.engine().sync(); // deletions show on full passes

        assertThat(f.tracker.count("create")).isEqualTo(1); // only the first pass's
        assertThat(f.source.sameAs(before)).isTrue();
        assertThat(report.outcome()).isEqualTo(PassOutcome.PARTIAL);
        assertThat(report.summary().failed()).isEqualTo(1);
        assertThat(report.errors())
                .singleElement()
                .satisfies(
                        p -> assertThat(p.format())
                                .startsWith(
                                        "a.md:3: error: ticket OPS-1 does not exist (deleted, or not visible to the configured user); it is not recreated"));
    }

    @Test
    void ticketsAPersonReferencesByHandAreMirroredToo() {
        String foreign = f.tracker.createForeign(FakeTracker.IN_PROGRESS);
        f.source.put("b.md", document("INC-2", null, "- Tracked by hand | respond | Not Started | " + foreign));

        engine.sync();

        assertThat(f.source.text("b.md")).contains("- Tracked by hand | respond | In Progress | " + foreign);
    }

    @Test
    void theObserverSeesTheTicketsStatusesAsThePassLeavesThem() {
        f.tracker.setStatus("OPS-1", FakeTracker.DONE);
        engine.sync();

        ActionItem first =
                f.observer.lastDocuments().getFirst().postmortem().items().getFirst();
        assertThat(first.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(first.ticket()).isEqualTo("OPS-1");
        assertThat(f.observer.outcomes).containsOnly(PassOutcome.SUCCESS);
    }
}
