package io.postmortemsync.tracker.jira;

import static io.postmortemsync.tracker.jira.JiraCloudTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.FakeJiraExtension;
import io.postmortemsync.fakejira.Fault;
import io.postmortemsync.fakejira.IssueView;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.TrackerException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bulk creates: per-ticket rejections, create screens, local checks before anything is sent. */
class BulkCreateTest {

    static final String NOT_ON_SCREEN =
            "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown.";

    final TestClock clock = TestClock.at("2025-04-16T08:00:00Z");

    @RegisterExtension
    final FakeJiraExtension jira =
            FakeJiraExtension.of(FakeJira.builder(FakeJira.Mode.CLOUD).clock(clock));

    JiraTracker tracker(Fixtures.ConfigBuilder config) {
        return JiraTracker.create(
                config.build(),
                new Fixtures.CountingObserver(),
                clock,
                Fixtures.tuning(new Fixtures.RecordingSleeper(clock)));
    }

    @Test
    void itemsThreeAndSevenFailTheOthersAreCreatedAndMappedBackInOrder() throws Exception {
        FakeJira fake = jira.get();
        List<NewTicket> requests = Fixtures.tickets("INC-10", 10);
        fake.inject(Operation.CREATE, Fault.rejectElements(Set.of(2, 6), "duedate", NOT_ON_SCREEN));

        List<CreateResult> results;
        try (JiraTracker tracker = tracker(Fixtures.config(fake))) {
            results = tracker.create(requests);
        }

        assertThat(results).hasSize(10);
        for (int i = 0; i < 10; i++) {
            CreateResult r = results.get(i);
            assertThat(r.request()).isSameAs(requests.get(i));
            if (i == 2 || i == 6) {
                assertThat(r).isInstanceOfSatisfying(CreateResult.Failed.class, f -> {
                    assertThat(f.kind()).isEqualTo(TrackerException.Kind.CLIENT_ERROR);
                    assertThat(f.message()).contains("duedate: " + NOT_ON_SCREEN);
                });
            } else {
                assertThat(r).isInstanceOf(CreateResult.Created.class);
                IssueView issue = fake.issue(((CreateResult.Created) r).key());
                assertThat(issue.summary())
                        .as("result %d maps to its own issue", i)
                        .isEqualTo(requests.get(i).item().action());
            }
        }
        assertThat(fake.issues()).hasSize(8);
        assertThat(fake.count(Operation.CREATE)).isEqualTo(1);
    }

    @Test
    void whenJiraRejectsEveryTicketItAnswers400AndEachStillGetsItsReason() throws Exception {
        FakeJira fake = jira.get();
        fake.inject(Operation.CREATE, Fault.rejectElements(Set.of(0, 1, 2), "duedate", NOT_ON_SCREEN));
        try (JiraTracker tracker = tracker(Fixtures.config(fake))) {
            List<CreateResult> results = tracker.create(Fixtures.tickets("INC-11", 3));
            assertThat(results)
                    .allSatisfy(r -> assertThat(r)
                            .isInstanceOfSatisfying(
                                    CreateResult.Failed.class,
                                    f -> assertThat(f.message()).contains(NOT_ON_SCREEN)));
        }
        assertThat(fake.requests().stream().filter(r -> r.operation() == Operation.CREATE))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(fake.issues()).isEmpty();
    }

    @Test
    void fieldsTheCreateScreenLacksAreLeftOutAndTheirValuesStayInTheDescription() throws Exception {
        FakeJira fake = jira.get();
        fake.teamManagedProject("TM", "Team managed");
        Fixtures.ConfigBuilder config =
                Fixtures.config(fake).route(ItemType.PREVENT, "Task", "TM", List.of("prevent"), "High");
        try (JiraTracker tracker = tracker(config)) {
            String key = key(
                    tracker.create(List.of(Fixtures.ticket(
                            "INC-12", "Cap the pool", ItemType.PREVENT, null, LocalDate.parse("2025-05-01")))),
                    0);
            IssueView issue = fake.issue(key);
            assertThat(issue.project()).isEqualTo("TM");
            assertThat(issue.dueDate()).isNull();
            assertThat(issue.descriptionText())
                    .contains("Due date: 2025-05-01 (not set on the ticket: the create screen has no Due date field)");
        }
    }

    @Test
    void aRequiredFieldThePostmortemCannotFillFailsBeforeAnythingIsSent() throws Exception {
        FakeJira fake = jira.get();
        fake.requireField("OPS", "Task", "customfield_10050", "Team");
        try (JiraTracker tracker = tracker(Fixtures.config(fake))) {
            List<CreateResult> results = tracker.create(Fixtures.tickets("INC-13", 2));
            assertThat(results)
                    .allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(CreateResult.Failed.class, f -> {
                        assertThat(f.kind()).isEqualTo(TrackerException.Kind.CLIENT_ERROR);
                        assertThat(f.message())
                                .contains("requires fields postmortem-sync does not fill: Team (customfield_10050)");
                    }));
        }
        assertThat(fake.count(Operation.CREATE)).isZero();
    }

    @Test
    void aBadRouteFailsOnlyItsOwnTicketsWithTheKeyToFix() throws Exception {
        FakeJira fake = jira.get();
        Fixtures.ConfigBuilder config = Fixtures.config(fake)
                .route(ItemType.DETECT, "Storyy", null, List.of("detect"), null)
                .route(ItemType.RESPOND, "Task", null, List.of("respond"), "Urgent");
        List<NewTicket> requests = new ArrayList<>(List.of(
                Fixtures.ticket("INC-14", "Fine", ItemType.PREVENT, null, null),
                Fixtures.ticket("INC-14", "Unknown issue type", ItemType.DETECT, null, null),
                Fixtures.ticket("INC-14", "Unknown priority", ItemType.RESPOND, null, null)));
        try (JiraTracker tracker = tracker(config)) {
            List<CreateResult> results = tracker.create(requests);
            assertThat(results.get(0)).isInstanceOf(CreateResult.Created.class);
            assertThat(((CreateResult.Failed) results.get(1)).message())
                    .contains("issue type \"Storyy\" does not exist in project OPS (available: Task, Bug, Sub-task)")
                    .contains("tracker.types.detect.issueType");
            assertThat(((CreateResult.Failed) results.get(2)).message())
                    .contains(
                            "priority \"Urgent\" is not allowed in OPS/Task (allowed: Highest, High, Medium, Low, Lowest)")
                    .contains("tracker.types.respond.priority");
        }
        assertThat(fake.issues()).hasSize(1);
    }

    @Test
    void aLabelWithSpacesIsRefusedLocallyNamingTheKey() throws Exception {
        FakeJira fake = jira.get();
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.labels = List.of("post mortem");
        try (JiraTracker tracker = tracker(config)) {
            CreateResult r = tracker.create(Fixtures.tickets("INC-15", 1)).getFirst();
            assertThat(((CreateResult.Failed) r).message())
                    .contains("label \"post mortem\" is not a valid Jira label")
                    .contains("tracker.labels");
        }
        assertThat(fake.count(Operation.CREATE)).isZero();
    }

    @Test
    void withoutCreatePermissionTheTicketFailsAsAPermissionProblem() throws Exception {
        FakeJira fake = jira.get();
        fake.revokePermission("OPS", "CREATE_ISSUES");
        try (JiraTracker tracker = tracker(Fixtures.config(fake))) {
            CreateResult r = tracker.create(Fixtures.tickets("INC-16", 1)).getFirst();
            assertThat(r).isInstanceOfSatisfying(CreateResult.Failed.class, f -> {
                assertThat(f.kind()).isEqualTo(TrackerException.Kind.PERMISSION);
                assertThat(f.message()).contains("cannot create issues in project OPS");
            });
        }
    }

    @Test
    void theSummaryIsOneLineOfAtMost255Characters() throws Exception {
        FakeJira fake = jira.get();
        String action = "Rewrite the connection pool\nso that " + "it scales ".repeat(40);
        try (JiraTracker tracker = tracker(Fixtures.config(fake))) {
            String key =
                    key(tracker.create(List.of(Fixtures.ticket("INC-17", action, ItemType.PREVENT, null, null))), 0);
            String summary = fake.issue(key).summary();
            assertThat(summary)
                    .hasSize(255)
                    .startsWith("Rewrite the connection pool so that it scales")
                    .endsWith("…")
                    .doesNotContain("\n");
            assertThat(fake.issue(key).descriptionText())
                    .as("the whole action stays in the description")
                    .contains(action);
        }
    }
}
