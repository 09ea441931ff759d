package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.postmortemsync.sync.PassReport.Op;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTest {

    private final Fixture f = new Fixture(true);

    @Test
    void planListsExactlyThePendingOperationsAndTouchesNothing() {
        f.remoteLinks = true;
        f.source.put(
                "a.md",
                document(
                        "INC-1",
                        "OPS-42",
                        "- Raise the pool size | prevent | Not Started | ",
                        "- Alert on pool usage | detect | Not Started | "));
        SyncEngine engine = f.engine();
        engine.sync();
        f.nextInterval();
        // Changes since: a new row, a status moved in Jira, a ticket moved, a ticket left by a crashed pass.
        f.source.put("a.md", f.source.text("a.md") + "- Brand new | respond | Not Started | \n");
        f.tracker.setStatus("OPS-1", FakeTracker.IN_PROGRESS);
        f.tracker.move("OPS-2", "SRE-7");
        f.source.put("b.md", document("INC-2", null, "- Left behind | prevent | Not Started | "));
        String orphan = f.tracker.createLabelled(io.postmortemsync.postmortem.SyncKey.of("INC-2", "Left behind"));
        Map<String, byte[]> before = f.source.snapshot();
        int ticketsBefore = f.tracker.tickets().size();
        f.tracker.clearRequests();
        f.source.clearCounts();

        PassReport plan = engine.plan();

        assertThat(plan.mode()).isEqualTo(PassReport.Mode.PLAN);
        assertThat(plan.actions())
                .extracting(
                        PassReport.Action::op,
                        PassReport.Action::file,
                        PassReport.Action::line,
                        PassReport.Action::ticket)
                .containsExactly(
                        tuple(Op.WRITE_BACK, "a.md", 4, "OPS-1"),
                        tuple(Op.WRITE_BACK, "a.md", 5, "SRE-7"),
                        tuple(Op.CREATE, "a.md", 6, null),
                        tuple(Op.LINK, "a.md", 6, null),
                        tuple(Op.LINK, "a.md", 6, null),
                        tuple(Op.WRITE_BACK, "a.md", 6, null),
                        tuple(Op.ADOPT, "b.md", 3, orphan),
                        tuple(Op.LINK, "b.md", 3, orphan),
                        tuple(Op.WRITE_BACK, "b.md", 3, orphan));
        assertThat(plan.actions())
                .extracting(PassReport.Action::detail)
                .containsExactly(
                        "OPS-1: Not Started -> In Progress",
                        "SRE-7: moved from OPS-2",
                        "respond item: new ticket in OPS: Brand new",
                        "\"Relates\" issue link to incident ticket OPS-42",
                        "web link to the document https://git.example.com/pm/blob/main/a.md",
                        "key of the new ticket",
                        "found by its label pmsync-"
                                + io.postmortemsync.postmortem.SyncKey.of("INC-2", "Left behind")
                                        .value() + " (left by an earlier pass); not created again",
                        "web link to the document https://git.example.com/pm/blob/main/b.md",
                        orphan + ": ticket key added");
        assertThat(plan.summary()).isEqualTo(new PassReport.Summary(1, 1, 3, 4, 0, 0));

        assertThat(f.source.sameAs(before)).isTrue();
        assertThat(f.source.written()).isEmpty();
        assertThat(f.source.publishes()).isZero();
        assertThat(f.tracker.writes()).isZero();
        assertThat(f.tracker.requests()).doesNotContain("create", "link", "remote_link");
        assertThat(f.tracker.tickets()).hasSize(ticketsBefore);
        assertThat(f.observer.documents).hasSize(1); // only the sync pass notified the observer

        // And sync then does what plan said.
        PassReport sync = engine.sync();
        assertThat(sync.actions())
                .extracting(PassReport.Action::op, PassReport.Action::line)
                .containsExactlyElementsOf(plan.actions().stream()
                        .map(a -> tuple(a.op(), a.line()))
                        .toList());
    }

    @Test
    void planInADaemonNeitherUsesNorChangesWhatTheDaemonRemembers() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        SyncEngine engine = f.engine();
        engine.sync();
        f.nextInterval();

        PassReport plan = engine.plan();
        f.tracker.clearRequests();
        PassReport next = engine.sync();

        assertThat(plan.kind()).isEqualTo(PassReport.Kind.FULL);
        assertThat(next.kind()).isEqualTo(PassReport.Kind.INCREMENTAL);
        assertThat(f.tracker.requests()).containsExactly("search");
    }
}
