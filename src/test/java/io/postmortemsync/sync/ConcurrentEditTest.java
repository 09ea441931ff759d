package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConcurrentEditTest {

    @Test
    void aPersonEditingAnotherRowWhileThePassWritesKeepsTheirEditAndTheKeyLandsToo() {
        Fixture f = new Fixture();
        f.source.put(
                "a.md",
                document(
                        "INC-1",
                        null,
                        "- Raise the pool size | prevent | Not Started | ",
                        "- Alert on pool usage | detect | Not Started | OPS-77"));
        f.tracker.createForeign(FakeTracker.TO_DO); // OPS-1 exists; OPS-77 does not matter here
        f.source.editDuringNextWrite(
                "a.md",
                text -> text.replace("Alert on pool usage | detect", "Alert on pool usage and queue depth | detect"));
        SyncEngine engine = f.engine();

        engine.sync();

        String text = f.source.text("a.md");
        assertThat(text).contains("- Raise the pool size | prevent | Not Started | OPS-2");
        assertThat(text).contains("- Alert on pool usage and queue depth | detect | Not Started | OPS-77");

        // The person's edit changed the document after the engine read it: the next pass reads it again.
        f.nextInterval();
        f.source.clearCounts();
        engine.sync();
        assertThat(f.source.reads()).isEqualTo(1);
    }

    @Test
    void anItemWhoseRowChangedUnderThePassIsLeftForTheNextPass() {
        Fixture f = new Fixture();
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        f.source.editDuringNextWrite("a.md", text -> text.replace("Raise the pool size", "Raise the pool size to 50"));
        SyncEngine engine = f.engine();

        PassReport first = engine.sync();

        assertThat(first.actions())
                .extracting(PassReport.Action::op)
                .containsExactly(PassReport.Op.CREATE, PassReport.Op.SKIP);
        assertThat(first.actions().getLast().detail()).contains("changed in the document while the pass ran");
        assertThat(f.source.text("a.md")).contains("- Raise the pool size to 50 | prevent | Not Started | \n");

        f.nextInterval();
        engine.sync();
        // A different action is a different item: it gets its own ticket (the first one stays, labelled for the old
        // text).
        assertThat(f.source.text("a.md")).contains("- Raise the pool size to 50 | prevent | Not Started | OPS-2");
    }
}
