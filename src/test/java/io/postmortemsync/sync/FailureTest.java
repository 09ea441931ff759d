package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureTest {

    private final Fixture f = new Fixture();

    @Test
    void oneInvalidDocumentAndOneRefusedItemDoNotStopTheOthers() {
        f.source.put(
                "a.md",
                document(
                        "INC-1",
                        null,
                        "- Raise the pool size | prevent | Not Started | ",
                        "- Use the Urgent priority | prevent | Not Started | "));
        f.source.put(
                "b.md",
                document("INC-2", null, "- Valid row | detect | Not Started | ", "- Broken row | detect | Blocked | "));
        f.source.put("c.md", document("INC-3", null, "- Write the runbook | respond | Not Started | "));
        f.tracker.rejectCreate(r -> r.item().action().contains("Urgent"));

        PassReport report = f.engine().sync();

        assertThat(report.outcome()).isEqualTo(PassOutcome.PARTIAL);
        assertThat(f.tracker.tickets()).hasSize(3);
        assertThat(f.source.text("a.md")).contains("- Raise the pool size | prevent | Not Started | OPS-");
        assertThat(f.source.text("a.md")).contains("- Use the Urgent priority | prevent | Not Started | \n");
        assertThat(f.source.text("b.md")).contains("- Valid row | detect | Not Started | OPS-");
        assertThat(f.source.text("c.md")).contains("| OPS-");
        assertThat(report.errors())
                .extracting(PassReport.Problem::format)
                .containsExactly(
                        "a.md:4: error: the tracker refused the ticket: priority: Priority name 'Urgent' is not valid (400)",
                        "b.md:4: error: bad row: - Broken row | detect | Blocked | ");
        assertThat(report.summary().failed()).isEqualTo(1);
        assertThat(report.summary().created()).isEqualTo(3);
    }

    @Test
    void aRefusedItemIsRetriedNextPassThenWithGrowingBackOff() {
        f.source.put("a.md", document("INC-1", null, "- Use the Urgent priority | prevent | Not Started | "));
        f.tracker.rejectCreate(r -> true);
        SyncEngine engine = f.engine();

        List<Long> createsPerPass = new ArrayList<>();
        List<PassOutcome> outcomes = new ArrayList<>();
        for (int pass = 0; pass < 8; pass++) {
            f.tracker.clearRequests();
            outcomes.add(engine.sync().outcome());
            createsPerPass.add(f.tracker.count("create"));
            f.nextInterval();
        }

        // Tried in passes 1, 2, 4 and 8: the first retry is the very next pass, then 1 and 3 passes are skipped.
        assertThat(createsPerPass).containsExactly(1L, 1L, 0L, 1L, 0L, 0L, 0L, 1L);
        assertThat(outcomes).containsOnly(PassOutcome.PARTIAL); // waiting items still count as failed

        f.tracker.rejectCreate(r -> false);
        for (int pass = 0; pass < 8 && f.tracker.tickets().isEmpty(); pass++) {
            engine.sync();
            f.nextInterval();
        }
        assertThat(f.tracker.tickets()).hasSize(1);
    }

    @Test
    void aCreateThatFailedForTheTrackersSakeIsRetriedEveryPassWithoutBackOff() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        f.tracker.failCreateTransiently(r -> true);
        SyncEngine engine = f.engine();

        List<Long> createsPerPass = new ArrayList<>();
        for (int pass = 0; pass < 4; pass++) {
            f.tracker.clearRequests();
            PassReport report = engine.sync();
            createsPerPass.add(f.tracker.count("create"));
            assertThat(report.errors())
                    .singleElement()
                    .satisfies(p -> assertThat(p.format())
                            .startsWith("a.md:3: error: not created in this pass, retried in the next: "));
            f.nextInterval();
        }

        assertThat(createsPerPass).containsExactly(1L, 1L, 1L, 1L);
    }

    @Test
    void aWaitingItemIsReportedWithItsLastReason() {
        f.source.put("a.md", document("INC-1", null, "- Use the Urgent priority | prevent | Not Started | "));
        f.tracker.rejectCreate(r -> true);
        SyncEngine engine = f.engine();
        engine.sync();
        engine.sync();

        PassReport waiting = engine.sync();

        assertThat(waiting.actions()).singleElement().satisfies(a -> {
            assertThat(a.op()).isEqualTo(Op.SKIP);
            assertThat(a.detail())
                    .isEqualTo("creating its ticket failed 2 times, retried in a later pass: "
                            + "priority: Priority name 'Urgent' is not valid (400)");
        });
        assertThat(waiting.errors())
                .singleElement()
                .satisfies(p -> assertThat(p.format()).startsWith("a.md:3: error: creating its ticket failed 2 times"));
    }

    @Test
    void anUnreadableDocumentIsReportedAndCountedAsInvalidAndReadAgainNextPass() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        f.source.put("b.md", document("INC-2", null, "- Alert on it | detect | Not Started | "));
        f.source.unreadable("a.md", true);
        SyncEngine engine = f.engine();

        PassReport first = engine.sync();

        assertThat(first.errors())
                .extracting(PassReport.Problem::format)
                .containsExactly("a.md: error: cannot be read: a.md: permission denied");
        assertThat(f.source.text("b.md")).contains("| OPS-");
        assertThat(f.observer.lastDocuments())
                .filteredOn(d -> d.file().equals("a.md"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.isValid())
                            .as("counted in postmortem_documents{state=\"invalid\"}")
                            .isFalse();
                    assertThat(d.postmortem().items()).isEmpty();
                });

        f.source.unreadable("a.md", false);
        f.nextInterval();
        PassReport second = engine.sync();

        assertThat(second.errors()).isEmpty();
        assertThat(f.source.text("a.md")).contains("| OPS-");
        assertThat(f.observer.lastDocuments()).allMatch(ParsedDocument::isValid).hasSize(2);
    }

    @Test
    void aLockedDocumentIsReportedAndWrittenNextPassWhileTheOthersAreWrittenNow() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        f.source.put("b.md", document("INC-2", null, "- Alert on it | detect | Not Started | "));
        f.source.lock("a.md");
        SyncEngine engine = f.engine();

        PassReport first = engine.sync();

        assertThat(f.source.text("b.md")).contains("| OPS-");
        assertThat(first.errors())
                .singleElement()
                .satisfies(p -> assertThat(p.format())
                        .isEqualTo("a.md:3: error: could not write the document: a.md is locked by another process"));
        assertThat(first.outcome()).isEqualTo(PassOutcome.PARTIAL);

        f.source.unlock("a.md");
        f.nextInterval();
        PassReport second = engine.sync();

        assertThat(second.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(f.source.text("a.md")).contains("| OPS-");
        assertThat(f.tracker.tickets()).hasSize(2);
    }

    @Test
    void anUnreachableTrackerFailsThePassWithoutTouchingDocumentsAndTheNextPassRecovers() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        Map<String, byte[]> before = f.source.snapshot();
        f.tracker.goDown();
        SyncEngine engine = f.engine();

        PassReport failed = engine.sync();

        assertThat(failed.outcome()).isEqualTo(PassOutcome.FAILURE);
        assertThat(failed.errors())
                .singleElement()
                .satisfies(p -> assertThat(p.format())
                        .isEqualTo("error: reading the tracker failed: jira.example.com: connection refused"));
        assertThat(f.source.sameAs(before)).isTrue();
        assertThat(f.observer.outcomes).containsExactly(PassOutcome.FAILURE);
        assertThat(f.observer.documents).hasSize(1); // metrics still see the documents

        f.tracker.comeBack();
        f.nextInterval();
        PassReport recovered = engine.sync();

        assertThat(recovered.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(recovered.kind()).isEqualTo(PassReport.Kind.FULL);
        assertThat(f.source.text("a.md")).contains("| OPS-1");
    }

    @Test
    void aFailingDocumentSourceFailsThePassWithAMessageNamingIt() {
        f.source.goDown();

        PassReport report = f.engine().sync();

        assertThat(report.outcome()).isEqualTo(PassOutcome.FAILURE);
        assertThat(report.errors())
                .singleElement()
                .satisfies(
                        p -> assertThat(p.format())
                                .isEqualTo(
                                        "error: reading the documents failed (in-memory documents): the folder /nowhere does not exist"));
        assertThat(f.tracker.requests()).isEmpty();
    }

    @Test
    void aStopRequestedMidPassStartsNoNewTrackerCallButWritesTheKeysOfTicketsAlreadyCreated() {
        for (int d = 0; d < 20; d++) {
            f.source.put(
                    String.format("doc-%02d.md", d),
                    document(
                            "INC-" + d,
                            null,
                            "- A | prevent | Not Started | ",
                            "- B | prevent | Not Started | ",
                            "- C | prevent | Not Started | ",
                            "- D | prevent | Not Started | ",
                            "- E | prevent | In Progress | "));
        }
        SyncEngine engine = f.engine();
        f.tracker.rejectCreate(r -> {
            engine.requestStop(); // SIGTERM arrives while the first bulk create is in flight
            return false;
        });

        PassReport report = engine.sync();

        long ticketsCreated = f.tracker.tickets().size();
        assertThat(ticketsCreated).isBetween(50L, 100L).matches(n -> n % 50 == 0, "whole bulk requests");
        long keysInDocuments = f.source.snapshot().keySet().stream()
                .flatMap(p -> f.source.text(p).lines())
                .filter(l -> l.matches(".*\\| OPS-\\d+$"))
                .count();
        assertThat(keysInDocuments).isEqualTo(ticketsCreated);
        assertThat(f.tracker.count("read")).isZero(); // no read-back once stopping
        assertThat(report.actions())
                .filteredOn(a -> a.op() == Op.SKIP)
                .allSatisfy(a -> assertThat(a.detail()).isEqualTo("not created in this pass: the daemon is stopping"));
    }

    @Test
    void aStoppedEngineStartsNothingInALaterPass() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        SyncEngine engine = f.engine();
        engine.requestStop();

        engine.sync();

        assertThat(f.tracker.writes()).isZero();
    }
}
