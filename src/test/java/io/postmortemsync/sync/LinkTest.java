package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.sync.PassReport.Op;
import org.junit.jupiter.api.Test;

class LinkTest {

    @Test
    void aNewTicketIsLinkedToTheIncidentTicketAndToItsDocument() {
        Fixture f = new Fixture(true);
        f.remoteLinks = true;
        f.source.put("2025/a.md", document("INC-1", "OPS-42", "- Raise the pool size | prevent | Not Started | "));

        PassReport report = f.engine().sync();

        FakeTracker.Stored ticket = f.tracker.stored("OPS-1");
        assertThat(ticket.links).containsExactly("OPS-42");
        SyncKey key = SyncKey.of("INC-1", "Raise the pool size");
        assertThat(ticket.remoteLinks)
                .containsEntry("postmortem-sync:" + key.value(), "https://git.example.com/pm/blob/main/2025/a.md");
        assertThat(ticket.request.documentUrl()).isEqualTo("https://git.example.com/pm/blob/main/2025/a.md");
        assertThat(report.actions())
                .extracting(PassReport.Action::op)
                .containsExactly(Op.CREATE, Op.LINK, Op.LINK, Op.WRITE_BACK);
        assertThat(report.summary().linked()).isEqualTo(2);
    }

    @Test
    void withoutRemoteLinksOnlyTheIncidentIsLinked() {
        Fixture f = new Fixture(true);
        f.source.put("a.md", document("INC-1", "OPS-42", "- Raise the pool size | prevent | Not Started | "));

        f.engine().sync();

        assertThat(f.tracker.stored("OPS-1").remoteLinks).isEmpty();
        assertThat(f.tracker.count("remote_link")).isZero();
        assertThat(f.tracker.count("link")).isEqualTo(1);
    }

    @Test
    void withoutAnIncidentTicketNothingIsLinked() {
        Fixture f = new Fixture();
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        f.engine().sync();
        assertThat(f.tracker.count("link")).isZero();
    }

    @Test
    void anIncidentNamedLaterIsLinkedToTheExistingTicketsOnce() {
        Fixture f = new Fixture();
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        SyncEngine engine = f.engine();
        engine.sync();
        f.nextInterval();

        f.source.put("a.md", f.source.text("a.md").replace("incident: INC-1\n", "incident: INC-1\nticket: OPS-42\n"));
        PassReport linked = engine.sync();
        f.nextInterval();
        PassReport after = engine.sync();

        assertThat(f.tracker.stored("OPS-1").links).containsExactly("OPS-42");
        assertThat(linked.actions()).extracting(PassReport.Action::op).containsExactly(Op.LINK);
        assertThat(after.actions()).isEmpty();
        assertThat(f.tracker.count("link")).isEqualTo(1);
    }

    @Test
    void ticketsAPersonReferencesAreNotLinkedByTheDaemon() {
        Fixture f = new Fixture();
        String foreign = f.tracker.createForeign(FakeTracker.TO_DO);
        f.source.put("a.md", document("INC-1", "OPS-42", "- Tracked by hand | prevent | Not Started | " + foreign));

        f.engine().sync();

        assertThat(f.tracker.count("link")).isZero();
    }

    @Test
    void aFailedLinkIsReportedAndRetriedInTheNextPassWithoutBlockingTheWriteBack() {
        Fixture f = new Fixture(true);
        f.remoteLinks = true;
        f.source.put("a.md", document("INC-1", "OPS-42", "- Raise the pool size | prevent | Not Started | "));
        f.tracker.rejectLinksOf(key -> true);
        SyncEngine engine = f.engine();

        PassReport first = engine.sync();

        assertThat(f.source.text("a.md")).contains("| OPS-1");
        assertThat(first.summary().failed()).isEqualTo(1);
        assertThat(first.errors())
                .extracting(PassReport.Problem::format)
                .allSatisfy(m -> assertThat(m).startsWith("a.md:4: error: could not add the "));

        f.tracker.rejectLinksOf(key -> false);
        f.nextInterval();
        PassReport second = engine.sync();

        assertThat(second.summary().linked()).isEqualTo(2);
        assertThat(f.tracker.stored("OPS-1").links).containsExactly("OPS-42");
        assertThat(f.tracker.stored("OPS-1").remoteLinks).hasSize(1);
    }
}
