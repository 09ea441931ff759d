package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.sync.ItemPlan.Decision;
import io.postmortemsync.sync.ItemPlan.LinkNeed;
import io.postmortemsync.tracker.StatusMapping;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.TicketStatus;
import io.postmortemsync.tracker.Tracker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private final TicketMemory memory = new TicketMemory();
    private final RetryBook retries = new RetryBook();
    private final StatusMapping mapping = new StatusMapping(Map.of(), List.of("Won't Do"));

    private static ParsedDocument doc(String incidentTicket, String... rows) {
        return new LineFormat()
                .parse("a.md", document("INC-1", incidentTicket, rows).getBytes(StandardCharsets.UTF_8));
    }

    private List<ItemPlan> plan(Planner.Settings settings, ParsedDocument... docs) {
        Planner planner = new Planner(settings, mapping, path -> Optional.of("https://docs/" + path));
        return planner.plan(
                new DocumentCatalog.Snapshot(List.of(docs), Set.of(), Map.of(), List.of()), memory, retries);
    }

    private static Planner.Settings settings() {
        return new Planner.Settings(false, true, true);
    }

    private static Ticket ticket(String id, String key, String action, TicketStatus status, String... links) {
        return new Ticket(
                id,
                key,
                "s",
                Set.of(Tracker.OWN_LABEL, SyncKey.of("INC-1", action).label()),
                status,
                null,
                null,
                Set.of(links),
                Instant.parse("2025-05-01T00:00:00Z"));
    }

    @Test
    void anItemWithoutTicketOrLabelledTicketIsCreatedWithItsLinks() {
        List<ItemPlan> plans = plan(settings(), doc("OPS-42", "- Do it | prevent | Not Started | "));

        assertThat(plans).singleElement().satisfies(p -> {
            assertThat(p.decision()).isInstanceOf(Decision.Create.class);
            assertThat(((Decision.Create) p.decision()).request().documentUrl()).isEqualTo("https://docs/a.md");
            assertThat(p.links())
                    .containsExactly(
                            new LinkNeed.Incident("OPS-42"),
                            new LinkNeed.Document("https://docs/a.md", "Postmortem: Title of INC-1"));
        });
    }

    @Test
    void aLabelledTicketIsAdoptedWithItsStatusAndOnlyTheLinksItLacks() {
        memory.remember(ticket("10", "OPS-5", "Do it", FakeTracker.IN_PROGRESS, "OPS-42"));

        ItemPlan p = plan(settings(), doc("OPS-42", "- Do it | prevent | Not Started | "))
                .getFirst();

        assertThat(p.decision())
                .isEqualTo(new Decision.Adopt(memory.byKey("OPS-5").orElseThrow(), ItemStatus.IN_PROGRESS, List.of()));
        assertThat(p.links()).containsExactly(new LinkNeed.Document("https://docs/a.md", "Postmortem: Title of INC-1"));
    }

    @Test
    void withoutWriteBackALabelledTicketIsSimplyInSync() {
        memory.remember(ticket("10", "OPS-5", "Do it", FakeTracker.DONE));

        ItemPlan p = plan(new Planner.Settings(false, false, true), doc(null, "- Do it | prevent | Not Started | "))
                .getFirst();

        assertThat(p.decision()).isEqualTo(new Decision.InSync("OPS-5"));
        assertThat(p.links()).isEmpty();
    }

    @Test
    void aReferencedTicketIsFollowedToItsNewKeyAndStatus() {
        memory.remember(
                "OPS-5",
                ticket("10", "SRE-1", "Do it", new TicketStatus("Done", TicketStatus.Category.DONE, "Won't Do")));

        ItemPlan p = plan(settings(), doc(null, "- Do it | prevent | Not Started | OPS-5"))
                .getFirst();

        assertThat(p.decision())
                .isEqualTo(
                        new Decision.Update(memory.byKey("SRE-1").orElseThrow(), "SRE-1", ItemStatus.DEFERRED, false));
    }

    @Test
    void aMissingTicketFailsWithoutBeingRecreated() {
        memory.markMissing("OPS-5");

        ItemPlan p = plan(settings(), doc(null, "- Do it | prevent | Not Started | OPS-5"))
                .getFirst();

        assertThat(p.decision()).isInstanceOf(Decision.Fail.class);
    }

    @Test
    void aTicketKnownOnlyByTheKeyItsCreateReturnedChangesNothingYet() {
        memory.remember(new Ticket(null, "OPS-5", "s", Set.of(Tracker.OWN_LABEL), null, null, null, Set.of(), null));

        ItemPlan p = plan(settings(), doc("OPS-42", "- Do it | prevent | In Progress | OPS-5"))
                .getFirst();

        assertThat(p.decision()).isEqualTo(new Decision.InSync("OPS-5"));
        assertThat(p.links()).isEmpty();
    }

    @Test
    void offlineDecidesNothing() {
        List<ItemPlan> plans =
                plan(new Planner.Settings(true, true, true), doc("OPS-42", "- Do it | prevent | Not Started | "));
        assertThat(plans)
                .singleElement()
                .satisfies(p -> assertThat(p.decision()).isEqualTo(new Decision.InSync(null)));
    }

    @Test
    void aCreateInBackOffIsAFailureNamingTheLastReason() {
        ParsedDocument d = doc(null, "- Do it | prevent | Not Started | ");
        retries.startPass();
        retries.failed(RetryBook.create(SyncKey.of("INC-1", "Do it")), "400 bad priority");
        retries.failed(RetryBook.create(SyncKey.of("INC-1", "Do it")), "400 bad priority");
        retries.startPass();

        ItemPlan p = plan(settings(), d).getFirst();

        assertThat(p.decision())
                .isEqualTo(new Decision.Fail(
                        "creating its ticket failed 2 times, retried in a later pass: 400 bad priority"));
    }
}
