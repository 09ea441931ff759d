package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import org.junit.jupiter.api.Test;

/**
 * What a source could not publish is not reported as written back. A git source applies a pass's
 * edits again when someone pushed first; an edit that no longer applies is in its publish result
 * ({@code rejected}), and the pass report must say so instead of claiming the write-back.
 */
class PublishOutcomeTest {

    @Test
    void aWriteBackRejectedAtPublishIsASkipWithAWarningNamingFileLineAndTicket() {
        Fixture f = new Fixture();
        f.source.put(
                "a.md",
                document(
                        "INC-1",
                        null,
                        "- Raise the pool size | prevent | Not Started | ",
                        "- Alert on pool usage | prevent | Not Started | "));
        f.source.put("b.md", document("INC-2", null, "- Add a runbook | prevent | Not Started | "));
        f.source.beforeNextPublish(() -> f.source.remove("a.md")); // a person deleted it meanwhile
        SyncEngine engine = f.engine();

        PassReport report = engine.sync();

        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS); // the person's change wins; nothing failed
        assertThat(report.summary().created()).isEqualTo(3);
        assertThat(report.summary().writtenBack()).isEqualTo(1);
        assertThat(report.actions())
                .filteredOn(a -> a.file().equals("a.md"))
                .extracting(PassReport.Action::op)
                .containsExactly(Op.CREATE, Op.SKIP, Op.CREATE, Op.SKIP);
        assertThat(report.actions())
                .filteredOn(a -> a.file().equals("a.md") && a.op() == Op.SKIP)
                .extracting(PassReport.Action::ticket)
                .containsExactly("OPS-1", "OPS-2");
        assertThat(report.actions())
                .filteredOn(a -> a.op() == Op.SKIP)
                .allSatisfy(a -> assertThat(a.detail())
                        .isEqualTo("written back but not published: the document was deleted by a concurrent commit"));
        assertThat(report.errors())
                .extracting(PassReport.Problem::format)
                .containsExactly(
                        "a.md:3: warning: written back but not published: the document was deleted by a concurrent commit",
                        "a.md:4: warning: written back but not published: the document was deleted by a concurrent commit");
        assertThat(report.actions())
                .filteredOn(a -> a.file().equals("b.md"))
                .extracting(PassReport.Action::op)
                .containsExactly(Op.CREATE, Op.WRITE_BACK);
    }

    @Test
    void anItemThePersonRewordedBeforeThePublishIsNotCountedAsWrittenBack() {
        Fixture f = new Fixture();
        f.source.put(
                "a.md",
                document(
                        "INC-1",
                        null,
                        "- Raise the pool size | prevent | Not Started | ",
                        "- Alert on pool usage | prevent | Not Started | "));
        f.source.beforeNextPublish(() -> f.source.put(
                "a.md",
                f.source
                        .text("a.md")
                        .replace(
                                "- Alert on pool usage | prevent | Not Started | OPS-2",
                                "- Alert on pool usage and queue depth | prevent | Not Started | ")));
        SyncEngine engine = f.engine();

        PassReport report = engine.sync();

        assertThat(report.summary().writtenBack()).isEqualTo(1);
        assertThat(report.actions())
                .filteredOn(a -> a.ticket() != null && a.ticket().equals("OPS-2"))
                .extracting(PassReport.Action::op, PassReport.Action::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Op.CREATE, "prevent item: new Task in OPS: Alert on pool usage"),
                        org.assertj.core.groups.Tuple.tuple(
                                Op.SKIP,
                                "not written back: the item changed in the document while the pass ran; the next pass retries"));
        assertThat(f.source.text("a.md"))
                .contains(
                        "- Raise the pool size | prevent | Not Started | OPS-1",
                        "- Alert on pool usage and queue depth | prevent | Not Started | \n");
    }

    @Test
    void aRejectedEditOfAnEarlierPassIsAWarningOnItsDocument() {
        Fixture f = new Fixture();
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        SyncEngine engine = f.engine();
        engine.sync();
        f.nextInterval();
        // An edit kept across a failed push, applied again in this pass, no longer applies.
        f.source.rejectAtNextPublish("old.md", "the document was deleted by a concurrent commit");

        PassReport report = engine.sync();

        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(report.errors())
                .extracting(PassReport.Problem::format)
                .containsExactly(
                        "old.md: warning: a write-back was not published: the document was deleted by a concurrent commit");
    }
}
