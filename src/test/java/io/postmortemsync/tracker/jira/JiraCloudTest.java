package io.postmortemsync.tracker.jira;

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
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The adapter against a fake Jira Cloud: every request checked against Atlassian's OpenAPI document. */
class JiraCloudTest {

    final TestClock clock = TestClock.at("2025-04-16T08:00:00Z");

    @RegisterExtension
    final FakeJiraExtension jira =
            FakeJiraExtension.of(FakeJira.builder(FakeJira.Mode.CLOUD).clock(clock));

    FakeJira fake;
    Fixtures.RecordingSleeper sleeper;
    JiraTracker tracker;

    @BeforeEach
    void start() {
        fake = jira.get();
        fake.user(FakeUser.of("5b10ac8d82e05b22cc7d4ef5", "Alice Smith", "alice@example.com"));
        fake.user(FakeUser.of("5b10ac8d82e05b22cc7d4ef6", "Bob Jones", "bob@example.com")
                .hidingEmail());
        fake.user(FakeUser.of("5b10ac8d82e05b22cc7d4ef7", "Carol King", "carol@example.com"));
        sleeper = new Fixtures.RecordingSleeper(clock);
        tracker = JiraTracker.create(
                Fixtures.config(fake)
                        .user("@carol", "5b10ac8d82e05b22cc7d4ef7", null)
                        .build(),
                new Fixtures.CountingObserver(),
                clock,
                Fixtures.tuning(sleeper));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void detectsCloudOnceAndCachesIt() throws Exception {
        assertThat(tracker.deployment()).isEqualTo(Tracker.Deployment.CLOUD);
        tracker.findUpdatedSince(Instant.EPOCH);
        tracker.findUpdatedSince(Instant.EPOCH);
        assertThat(tracker.deployment()).isEqualTo(Tracker.Deployment.CLOUD);
        assertThat(fake.count(Operation.SERVER_INFO)).isEqualTo(1);
        assertThat(fake.requests().getFirst().path()).isEqualTo("/rest/api/2/serverInfo");
    }

    @Test
    void createsATicketAsTheDesignSays() throws Exception {
        Postmortem pm = withIncidentTicket(Fixtures.postmortem("INC-2025-042"), "OPS-42");
        NewTicket request = Fixtures.ticket(
                pm, "Increase default connection pool size", ItemType.PREVENT, "@carol", LocalDate.parse("2025-04-15"));

        List<CreateResult> results = tracker.create(List.of(request));

        assertThat(results).singleElement().isInstanceOfSatisfying(CreateResult.Created.class, c -> {
            assertThat(c.adopted()).isFalse();
            assertThat(c.request()).isSameAs(request);
        });
        String key = ((CreateResult.Created) results.getFirst()).key();
        IssueView issue = fake.issue(key);
        assertThat(issue.project()).isEqualTo("OPS");
        assertThat(issue.issueType()).isEqualTo("Task");
        assertThat(issue.summary()).isEqualTo("Increase default connection pool size");
        assertThat(issue.labels())
                .containsExactly(
                        "postmortem-sync",
                        "postmortem",
                        "prevent",
                        request.item().syncKey().label());
        assertThat(issue.priority()).isEqualTo("High");
        assertThat(issue.dueDate()).isEqualTo(LocalDate.parse("2025-04-15"));
        assertThat(issue.assignee()).isEqualTo("5b10ac8d82e05b22cc7d4ef7");
        // ADF, built as data: the document link is a link mark, the texts are text nodes.
        assertThat(issue.description().path("type").asText()).isEqualTo("doc");
        assertThat(issue.description().toString())
                .contains(
                        "\"href\":\"https://git.example.com/acme/postmortems/blob/main/postmortems/inc-2025-042.md\"");
        assertThat(issue.descriptionText())
                .contains(
                        "Increase default connection pool size",
                        "Type: Prevent",
                        "Owner: @carol",
                        "Due date: 2025-04-15",
                        "Incident: INC-2025-042 – Payment service errors",
                        "Severity: P1",
                        "Services: payment-service, checkout",
                        "Incident ticket: OPS-42",
                        "Postmortem: postmortems/inc-2025-042.md");
    }

    @Test
    void routesByTypeWithTheTrackerProjectAsFallback() throws Exception {
        fake.project("SRE", "Site reliability");
        JiraTracker routed = JiraTracker.create(
                Fixtures.config(fake)
                        .route(ItemType.DETECT, "Bug", "SRE", List.of("detect", "monitoring"), "Low")
                        .build(),
                new Fixtures.CountingObserver(),
                clock,
                Fixtures.tuning(sleeper));
        try (routed) {
            List<CreateResult> results = routed.create(List.of(
                    Fixtures.ticket("INC-7", "Alert on pool saturation", ItemType.DETECT, null, null),
                    Fixtures.ticket("INC-7", "Write the failover runbook", ItemType.RESPOND, null, null)));
            IssueView detect = fake.issue(((CreateResult.Created) results.get(0)).key());
            IssueView respond = fake.issue(((CreateResult.Created) results.get(1)).key());
            assertThat(detect.project()).isEqualTo("SRE");
            assertThat(detect.issueType()).isEqualTo("Bug");
            assertThat(detect.priority()).isEqualTo("Low");
            assertThat(detect.labels()).contains("detect", "monitoring");
            assertThat(respond.project()).isEqualTo("OPS");
            assertThat(respond.labels()).contains("respond").doesNotContain("prevent");
        }
    }

    @Test
    void matchesOwnersByExactEmailAndLeavesOthersUnassignedButNamed() throws Exception {
        fake.user(FakeUser.of("5b10ac8d82e05b22cc7d4ef8", "Alice Smithers", "alice@example.com.au"));
        List<CreateResult> results = tracker.create(List.of(
                Fixtures.ticket("INC-1", "Visible address", ItemType.PREVENT, "alice@example.com", null),
                Fixtures.ticket("INC-1", "Hidden address", ItemType.PREVENT, "bob@example.com", null),
                Fixtures.ticket("INC-1", "Handle only", ItemType.PREVENT, "@dave", null),
                Fixtures.ticket("INC-1", "Unknown address", ItemType.PREVENT, "nobody@example.com", null)));

        assertThat(results).allMatch(r -> r instanceof CreateResult.Created);
        assertThat(fake.issue(key(results, 0)).assignee()).isEqualTo("5b10ac8d82e05b22cc7d4ef5");
        assertThat(fake.issue(key(results, 1)).assignee()).isEqualTo("5b10ac8d82e05b22cc7d4ef6");
        IssueView handle = fake.issue(key(results, 2));
        assertThat(handle.assignee()).isNull();
        assertThat(handle.descriptionText())
                .contains("Owner: @dave (not assigned: Jira Cloud knows people by account id only");
        IssueView unknown = fake.issue(key(results, 3));
        assertThat(unknown.assignee()).isNull();
        assertThat(unknown.descriptionText())
                .contains("nobody@example.com (not assigned: no active Jira user has the e-mail address");
        // The pass report hears of the unassigned ones too, not only the log.
        assertThat(((CreateResult.Created) results.get(0)).warnings()).isEmpty();
        assertThat(((CreateResult.Created) results.get(3)).warnings())
                .singleElement()
                .asString()
                .startsWith(
                        "owner \"nobody@example.com\" does not match a Jira user (no active Jira user has the e-mail address")
                .endsWith("the ticket is unassigned and names the owner in its description");
    }

    @Test
    void cachesUserLookupsIncludingMisses() throws Exception {
        tracker.create(List.of(
                Fixtures.ticket("INC-1", "One", ItemType.PREVENT, "nobody@example.com", null),
                Fixtures.ticket("INC-1", "Two", ItemType.PREVENT, "nobody@example.com", null),
                Fixtures.ticket("INC-1", "Three", ItemType.PREVENT, "alice@example.com", null)));
        tracker.create(List.of(Fixtures.ticket("INC-1", "Four", ItemType.PREVENT, "alice@example.com", null)));
        assertThat(fake.count(Operation.USER_SEARCH)).isEqualTo(2);

        clock.advance(Duration.ofMinutes(16)); // the miss expires, the hit does not
        tracker.create(List.of(
                Fixtures.ticket("INC-1", "Five", ItemType.PREVENT, "nobody@example.com", null),
                Fixtures.ticket("INC-1", "Six", ItemType.PREVENT, "alice@example.com", null)));
        assertThat(fake.count(Operation.USER_SEARCH)).isEqualTo(3);
    }

    @Test
    void findsTicketsBySyncKeyIncludingOnesCreatedBeforeACrash() throws Exception {
        SyncKey crashed = SyncKey.of("INC-9", "Created before the crash");
        String key = fake.createIssue("OPS", "Created before the crash", "postmortem-sync", crashed.label());
        SyncKey absent = SyncKey.of("INC-9", "Never created");

        Map<SyncKey, List<Ticket>> found = tracker.findBySyncKeys(List.of(crashed, absent));

        assertThat(found.get(crashed)).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo(key);
            assertThat(t.syncKey()).isEqualTo(crashed);
        });
        assertThat(found.get(absent)).isEmpty();
    }

    @Test
    void readsStatusCategoryResolutionAssigneeAndDueDate() throws Exception {
        String key = key(
                tracker.create(List.of(Fixtures.ticket(
                        "INC-3", "Read me back", ItemType.PREVENT, "@carol", LocalDate.parse("2025-05-01")))),
                0);
        fake.transition(key, "Done", "Won't Do");

        TicketLookup lookup = tracker.read(List.of(key));

        Ticket t = lookup.found().get(key);
        assertThat(t.status()).isEqualTo(new TicketStatus("Done", TicketStatus.Category.DONE, "Won't Do"));
        assertThat(t.assignee()).isEqualTo("5b10ac8d82e05b22cc7d4ef7");
        assertThat(t.dueDate()).isEqualTo(LocalDate.parse("2025-05-01"));
        assertThat(t.summary()).isEqualTo("Read me back");
        assertThat(t.updated()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(lookup.missing()).isEmpty();
    }

    @Test
    void readsByKeySurviveDeletedAndMovedTickets() throws Exception {
        fake.project("SRE", "Site reliability");
        String kept = fake.createIssue("OPS", "kept", "postmortem-sync");
        String moved = fake.createIssue("OPS", "moved", "postmortem-sync");
        String deleted = fake.createIssue("OPS", "deleted", "postmortem-sync");
        String newKey = fake.move(moved, "SRE");
        fake.delete(deleted);

        TicketLookup lookup = tracker.read(List.of(kept, moved, deleted, "NOT A KEY"));

        assertThat(lookup.found()).containsOnlyKeys(kept, moved);
        assertThat(lookup.found().get(moved).key()).isEqualTo(newKey);
        assertThat(lookup.missing()).containsExactlyInAnyOrder(deleted, "NOT A KEY");
        // One bulk fetch, then one GET for each key the fetch did not answer under its own name.
        assertThat(fake.count(Operation.BULK_FETCH)).isEqualTo(1);
        assertThat(fake.count(Operation.GET_ISSUE)).isEqualTo(2);

        fake.clearLog();
        TicketLookup again = tracker.read(List.of(kept, moved, deleted));
        assertThat(again.found().get(moved).key()).isEqualTo(newKey);
        assertThat(again.missing()).containsExactly(deleted);
        assertThat(fake.count(Operation.GET_ISSUE))
                .as("moves and deletions are remembered")
                .isZero();
        assertThat(fake.count(Operation.BULK_FETCH)).isEqualTo(1);
    }

    @Test
    void findsChangesSinceAnInstantReadInTheUsersTimeZone() throws Exception {
        fake.myTimeZone(ZoneId.of("Australia/Sydney"));
        String old = fake.createIssue("OPS", "old", "postmortem-sync");
        clock.advance(Duration.ofHours(3));
        Instant since = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        String changed = fake.createIssue("OPS", "changed", "postmortem-sync");
        fake.createIssue("OPS", "not ours", "other");

        List<Ticket> updated = tracker.findUpdatedSince(since);
        assertThat(updated).extracting(Ticket::key).containsExactly(changed);

        fake.transition(old, "In Progress", null);
        assertThat(tracker.findUpdatedSince(since)).extracting(Ticket::key).containsExactlyInAnyOrder(old, changed);
        assertThat(tracker.findUpdatedSince(Instant.EPOCH)).hasSize(2);
        String jql = fake.requests().stream()
                .filter(r -> r.operation() == Operation.SEARCH)
                .findFirst()
                .orElseThrow()
                .body();
        // 11:00 UTC is 21:00 in Sydney (AEST), where JQL reads the date: the user's zone, not UTC.
        assertThat(jql).contains("updated >= \\\"2025-04-16 20:58\\\""); // and 2 minutes earlier: Cloud search lags
    }

    @Test
    void aChangeTheIndexShowsLateIsStillFoundByTheNextPass() throws Exception {
        String key = fake.createIssue("OPS", "worked on", "postmortem-sync");
        fake.searchLag(true);
        clock.set(Instant.parse("2025-04-16T09:59:50Z"));
        fake.transition(key, "In Progress", null); // not in the search index yet

        clock.set(Instant.parse("2025-04-16T10:00:30Z"));
        Instant firstPass = clock.instant();
        assertThat(tracker.findUpdatedSince(firstPass.minus(Duration.ofMinutes(5))))
                .isEmpty();

        fake.reindex();
        clock.set(Instant.parse("2025-04-16T10:05:30Z"));
        assertThat(tracker.findUpdatedSince(firstPass)).extracting(Ticket::key).containsExactly(key);
    }

    @Test
    void eventuallyConsistentSearchSeesTicketsCreatedHereThroughReconcile() throws Exception {
        fake.searchLag(true);
        NewTicket request = Fixtures.ticket("INC-5", "Just created", ItemType.PREVENT, null, null);
        String key = key(tracker.create(List.of(request)), 0);

        assertThat(tracker.findBySyncKeys(List.of(request.item().syncKey()))
                        .get(request.item().syncKey()))
                .extracting(Ticket::key)
                .containsExactly(key);
        assertThat(tracker.findUpdatedSince(Instant.EPOCH))
                .extracting(Ticket::key)
                .containsExactly(key);
        String body = fake.requests().stream()
                .filter(r -> r.operation() == Operation.SEARCH)
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(body).contains("\"reconcileIssues\":[" + fake.issue(key).id() + "]");
    }

    @Test
    void linksToTheIncidentAndUpsertsTheDocumentLink() throws Exception {
        String incident = fake.createIssue("OPS", "The incident");
        String key = key(tracker.create(List.of(Fixtures.ticket("INC-4", "Link me", ItemType.PREVENT, null, null))), 0);
        SyncKey syncKey = SyncKey.of("INC-4", "Link me");

        tracker.linkToIncident(key, incident);
        tracker.linkToIncident(key, incident);
        tracker.upsertDocumentLink(key, syncKey, "https://git.example.com/a.md", "Postmortem INC-4");
        tracker.upsertDocumentLink(key, syncKey, "https://git.example.com/b.md", "Postmortem INC-4 (moved)");

        IssueView issue = fake.issue(key);
        assertThat(issue.linkedKeys()).containsExactly("Relates:" + incident);
        assertThat(issue.remoteLinks()).singleElement().satisfies(l -> {
            assertThat(l.globalId()).isEqualTo("postmortem-sync:" + syncKey.value());
            assertThat(l.url()).isEqualTo("https://git.example.com/b.md");
            assertThat(l.title()).isEqualTo("Postmortem INC-4 (moved)");
        });
        assertThat(tracker.read(List.of(key)).found().get(key).linkedIssueKeys())
                .containsExactly(incident);
    }

    @Test
    void anUnknownLinkTypeIsAClearClientErrorNotAMisleading404() throws Exception {
        JiraTracker wrongLink = JiraTracker.create(
                withIncidentLink(Fixtures.config(fake), "Relatez"),
                new Fixtures.CountingObserver(),
                clock,
                Fixtures.tuning(sleeper));
        try (wrongLink) {
            String a = fake.createIssue("OPS", "a");
            String b = fake.createIssue("OPS", "b");
            assertThat(catchTracker(() -> wrongLink.linkToIncident(a, b)))
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(TrackerException.Kind.CLIENT_ERROR))
                    .hasMessageContaining("issue link type \"Relatez\" does not exist")
                    .hasMessageContaining("Relates, Blocks, Duplicate")
                    .hasMessageContaining("tracker.incidentLink");
            assertThat(fake.count(Operation.ISSUE_LINK)).isZero();
        }
    }

    @Test
    void browseUrlIsBuiltFromTheBaseUrl() {
        assertThat(tracker.browseUrl("OPS-123"))
                .isEqualTo(fake.url().toString().replaceAll("/$", "") + "/browse/OPS-123");
    }

    static io.postmortemsync.config.TrackerConfig withIncidentLink(Fixtures.ConfigBuilder b, String link) {
        b.incidentLink = link;
        return b.build();
    }

    static TrackerException catchTracker(ThrowingRunnable r) {
        try {
            r.run();
        } catch (TrackerException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a TrackerException, got " + e, e);
        }
        throw new AssertionError("expected a TrackerException, nothing was thrown");
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static String key(List<CreateResult> results, int i) {
        return ((CreateResult.Created) results.get(i)).key();
    }

    static Postmortem withIncidentTicket(Postmortem pm, String ticket) {
        return new Postmortem(
                pm.file(),
                pm.incidentId(),
                pm.title(),
                pm.date(),
                pm.severity(),
                pm.services(),
                pm.customerImpact(),
                ticket,
                pm.items());
    }
}
