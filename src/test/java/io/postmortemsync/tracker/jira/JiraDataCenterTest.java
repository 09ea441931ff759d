package io.postmortemsync.tracker.jira;

import static io.postmortemsync.tracker.jira.JiraCloudTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.FakeJira.FakeUser;
import io.postmortemsync.fakejira.FakeJiraExtension;
import io.postmortemsync.fakejira.IssueView;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.TicketStatus;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.Tracker.TicketLookup;
import io.postmortemsync.tracker.TrackerException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The adapter against a fake Jira Data Center served under a context path, as many sites are. */
class JiraDataCenterTest {

    final TestClock clock = TestClock.at("2025-04-16T08:00:00Z");

    @RegisterExtension
    final FakeJiraExtension jira = FakeJiraExtension.of(
            FakeJira.builder(FakeJira.Mode.DATACENTER).clock(clock).contextPath("/jira"));

    FakeJira fake;
    JiraTracker tracker;

    @BeforeEach
    void start() {
        fake = jira.get();
        fake.user(FakeUser.of("alice", "Alice Smith", "alice@example.com"));
        fake.user(FakeUser.of("bob", "Bob Jones", "bob@example.com"));
        fake.user(FakeUser.of("olduser", "Gone Person", "gone@example.com").deactivated());
        tracker = JiraTracker.create(
                Fixtures.config(fake).user("Carol King", null, "bob").build(),
                new Fixtures.CountingObserver(),
                clock,
                Fixtures.tuning(new Fixtures.RecordingSleeper(clock)));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void detectsDataCenterFromServerInfoUnderTheContextPath() throws Exception {
        assertThat(tracker.deployment()).isEqualTo(Tracker.Deployment.DATACENTER);
        assertThat(fake.requests().getFirst().path()).isEqualTo("/rest/api/2/serverInfo");
        assertThat(tracker.browseUrl("OPS-1")).endsWith("/jira/browse/OPS-1");
    }

    @Test
    void createsWithWikiMarkupUserNamesAndRestV2() throws Exception {
        Postmortem pm = JiraCloudTest.withIncidentTicket(Fixtures.postmortem("INC-2025-042"), "OPS-42");
        NewTicket request = Fixtures.ticket(
                pm,
                "Increase *default* pool size [now] {code}",
                ItemType.PREVENT,
                "@alice",
                LocalDate.parse("2025-04-15"));

        String key = key(tracker.create(List.of(request)), 0);

        IssueView issue = fake.issue(key);
        assertThat(issue.assignee()).isEqualTo("alice");
        assertThat(issue.labels())
                .containsExactly(
                        "postmortem-sync",
                        "postmortem",
                        "prevent",
                        request.item().syncKey().label());
        assertThat(issue.description().isTextual()).isTrue();
        String wiki = issue.description().asText();
        assertThat(wiki).contains("Increase \\*default\\* pool size \\[now\\] \\{code\\}");
        assertThat(wiki).contains("* *Owner\\:* @alice");
        assertThat(wiki)
                .contains(
                        "[postmortems/inc\\-2025\\-042.md|https://git.example.com/acme/postmortems/blob/main/postmortems/inc-2025-042.md]");
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/rest/api/2/"));
    }

    @Test
    void everyRequestSaysWhichBuildOfPostmortemSyncSentIt() throws Exception {
        tracker.create(List.of(Fixtures.ticket("INC-6", "Say who you are", ItemType.DETECT, "@alice", null)));

        assertThat(fake.requests())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.headers().get("User-Agent"))
                        .isEqualTo("postmortem-sync/" + io.postmortemsync.Version.get())
                        .doesNotContain("okhttp"));
        assertThat(io.postmortemsync.Version.get())
                .as("filled in by the build")
                .isNotEqualTo("dev")
                .matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void resolvesOwnersByUserNameEmailOrTheConfiguredMap() throws Exception {
        List<CreateResult> results = tracker.create(List.of(
                Fixtures.ticket("INC-1", "By handle", ItemType.PREVENT, "@alice", null),
                Fixtures.ticket("INC-1", "By address", ItemType.PREVENT, "bob@example.com", null),
                Fixtures.ticket("INC-1", "By map", ItemType.PREVENT, "Carol King", null),
                Fixtures.ticket("INC-1", "Deactivated", ItemType.PREVENT, "@olduser", null),
                Fixtures.ticket("INC-1", "Unknown", ItemType.PREVENT, "@zed", null),
                Fixtures.ticket("INC-1", "Display name", ItemType.PREVENT, "Alice Smith", null)));

        assertThat(fake.issue(key(results, 0)).assignee()).isEqualTo("alice");
        assertThat(fake.issue(key(results, 1)).assignee()).isEqualTo("bob");
        assertThat(fake.issue(key(results, 2)).assignee()).isEqualTo("bob");
        assertThat(fake.issue(key(results, 3)).assignee()).isNull();
        assertThat(fake.issue(key(results, 3)).descriptionText()).contains("is deactivated");
        assertThat(fake.issue(key(results, 4)).descriptionText()).contains("no Jira user named \"zed\"");
        assertThat(fake.issue(key(results, 5)).descriptionText())
                .contains("neither a Jira user name nor an e-mail address");
    }

    @Test
    void readsByKeyWithoutValidationSoDeletedKeysDoNotFailTheRead() throws Exception {
        fake.project("SRE", "Site reliability");
        String kept = fake.createIssue("OPS", "kept", "postmortem-sync");
        String moved = fake.createIssue("OPS", "moved", "postmortem-sync");
        String deleted = fake.createIssue("OPS", "deleted", "postmortem-sync");
        String newKey = fake.move(moved, "SRE");
        fake.transition(kept, "In Review", null);
        fake.delete(deleted);

        TicketLookup lookup = tracker.read(List.of(kept, moved, deleted));

        assertThat(lookup.found().get(kept).status())
                .isEqualTo(new TicketStatus("In Review", TicketStatus.Category.INDETERMINATE, null));
        assertThat(lookup.found().get(moved).key()).isEqualTo(newKey);
        assertThat(lookup.missing()).containsExactly(deleted);
        FakeJira.LoggedRequest search = fake.requests().stream()
                .filter(r -> r.operation() == Operation.SEARCH)
                .findFirst()
                .orElseThrow();
        assertThat(search.body()).contains("\"validateQuery\":false").contains("key in (\\\"" + kept + "\\\"");
    }

    @Test
    void findsBySyncKeyAndChangesSince() throws Exception {
        NewTicket request = Fixtures.ticket("INC-2", "Find me", ItemType.DETECT, null, null);
        String key = key(tracker.create(List.of(request)), 0);
        Instant since = clock.instant();
        clock.advance(Duration.ofMinutes(10));
        fake.transition(key, "Done", "Done");

        assertThat(tracker.findBySyncKeys(List.of(request.item().syncKey()))
                        .get(request.item().syncKey()))
                .extracting(Ticket::key)
                .containsExactly(key);
        assertThat(tracker.findUpdatedSince(since)).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo(key);
            assertThat(t.status().category()).isEqualTo(TicketStatus.Category.DONE);
        });
        assertThat(tracker.findUpdatedSince(clock.instant().plus(Duration.ofMinutes(2))))
                .isEmpty();
    }

    @Test
    void linksAndRemoteLinksUseV2() throws Exception {
        String incident = fake.createIssue("OPS", "The incident");
        String key = key(tracker.create(List.of(Fixtures.ticket("INC-4", "Link me", ItemType.PREVENT, null, null))), 0);

        tracker.linkToIncident(key, incident);
        tracker.upsertDocumentLink(
                key, SyncKey.of("INC-4", "Link me"), "https://git.example.com/a.md", "Postmortem INC-4");

        assertThat(fake.issue(key).linkedKeys()).containsExactly("Relates:" + incident);
        assertThat(fake.issue(key).remoteLinks()).hasSize(1);
    }

    @Test
    void aRefusedCallNamesThePermissionItNeeds() throws Exception {
        String incident = fake.createIssue("OPS", "The incident");
        String key = key(tracker.create(List.of(Fixtures.ticket("INC-5", "Link me", ItemType.PREVENT, null, null))), 0);
        fake.revokePermission("OPS", "LINK_ISSUES");

        TrackerException e = JiraCloudTest.catchTracker(() -> tracker.linkToIncident(key, incident));

        assertThat(e.kind()).isEqualTo(TrackerException.Kind.PERMISSION);
        assertThat(e)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("needs 'Link Issues'")
                .hasMessageContaining("Jira said: You do not have the permission to link issues.");
    }
}
