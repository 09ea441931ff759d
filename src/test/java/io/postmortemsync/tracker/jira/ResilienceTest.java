package io.postmortemsync.tracker.jira;

import static io.postmortemsync.tracker.jira.JiraCloudTest.catchTracker;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.config.Secret;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.FakeJiraExtension;
import io.postmortemsync.fakejira.Fault;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.TrackerException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rate limits, server errors, time-outs and dropped connections: idempotent calls are retried
 * within bounds; a create is never sent twice, whatever happened to the first one.
 */
class ResilienceTest {

    final TestClock clock = TestClock.at("2025-04-16T08:00:00Z");

    @RegisterExtension
    final FakeJiraExtension jira =
            FakeJiraExtension.of(FakeJira.builder(FakeJira.Mode.CLOUD).clock(clock));

    FakeJira fake;
    Fixtures.RecordingSleeper sleeper;
    Fixtures.CountingObserver observer;
    JiraTracker tracker;

    @BeforeEach
    void start() throws Exception {
        fake = jira.get();
        sleeper = new Fixtures.RecordingSleeper(clock);
        observer = new Fixtures.CountingObserver();
        tracker = JiraTracker.create(
                Fixtures.config(fake).build(),
                observer,
                clock,
                Fixtures.tuning(sleeper).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
        tracker.deployment();
        fake.clearLog();
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void aRateLimitStormThatClearsIsWaitedOutAsJiraAsks() throws Exception {
        fake.inject(Operation.SEARCH, Fault.rateLimited(2), 4);
        fake.createIssue("OPS", "one", "postmortem-sync");

        assertThat(tracker.findUpdatedSince(Instant.EPOCH)).hasSize(1);

        assertThat(fake.count(Operation.SEARCH)).isEqualTo(5);
        // Retry-After: 2 s, plus a jitter of at most one base back-off (500 ms; the test's jitter is 0.5).
        assertThat(sleeper.waits).hasSize(4).allSatisfy(w -> assertThat(w).isEqualTo(Duration.ofMillis(2250)));
        assertThat(observer.get("search/rate_limited")).isEqualTo(4);
        assertThat(observer.get("search/success")).isEqualTo(1);
    }

    @Test
    void withoutRetryAfterTheResetTimeDecidesTheWait() throws Exception {
        fake.inject(Operation.SEARCH, new Fault.RateLimited(90, false));

        tracker.findUpdatedSince(Instant.EPOCH);

        // X-RateLimit-Reset has minute precision: now + 90 s is written as 08:01Z, 60 s away.
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(60_250));
    }

    @Test
    void aStormLongerThanTheRetryBudgetFailsAsRateLimited() throws Exception {
        fake.inject(Operation.SEARCH, Fault.rateLimited(1), 20);

        TrackerException e = catchTracker(() -> tracker.findUpdatedSince(Instant.EPOCH));

        assertThat(e.kind()).isEqualTo(TrackerException.Kind.RATE_LIMITED);
        assertThat(e.isRetryable()).isTrue();
        assertThat(fake.count(Operation.SEARCH)).isEqualTo(6);
        assertThat(sleeper.waits).hasSize(5);
    }

    @Test
    void aRetryAfterBeyondTheLongestWaitGivesUpAtOnce() throws Exception {
        fake.inject(Operation.SEARCH, Fault.rateLimited(3600));

        TrackerException e = catchTracker(() -> tracker.findUpdatedSince(Instant.EPOCH));

        assertThat(e.kind()).isEqualTo(TrackerException.Kind.RATE_LIMITED);
        assertThat(sleeper.waits).isEmpty();
        assertThat(fake.count(Operation.SEARCH)).isEqualTo(1);
    }

    @Test
    void serverErrorsOnReadsAreRetriedWithBackoff() throws Exception {
        String key = fake.createIssue("OPS", "one", "postmortem-sync");
        fake.inject(Operation.BULK_FETCH, Fault.status(503), 2);

        assertThat(tracker.read(List.of(key)).found()).containsKey(key);

        assertThat(fake.count(Operation.BULK_FETCH)).isEqualTo(3);
        // Full jitter: half of 500 ms, then half of 1 s.
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(observer.get("read/server_error")).isEqualTo(2);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 504, 522})
    void everyServerErrorThatMayPassIsRetriedIncludingAProxysOwn(int code) throws Exception {
        String key = fake.createIssue("OPS", "one", "postmortem-sync");
        fake.inject(Operation.BULK_FETCH, Fault.status(code), 1);

        assertThat(tracker.read(List.of(key)).found()).containsKey(key);
        assertThat(fake.count(Operation.BULK_FETCH)).isEqualTo(2);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {501, 505})
    void aServerErrorThatSaysTheCallCanNeverWorkIsNeitherRetriedNorTransient(int code) throws Exception {
        String key = fake.createIssue("OPS", "one", "postmortem-sync");
        fake.inject(Operation.BULK_FETCH, Fault.status(code), 1);

        TrackerException e = catchTracker(() -> tracker.read(List.of(key)));

        assertThat(e.kind()).isEqualTo(TrackerException.Kind.CLIENT_ERROR);
        assertThat(e.isRetryable()).isFalse();
        assertThat(fake.count(Operation.BULK_FETCH)).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void aDroppedConnectionAndATimeOutOnSearchAreRetried() throws Exception {
        fake.createIssue("OPS", "one", "postmortem-sync");
        fake.inject(Operation.SEARCH, Fault.disconnect());
        fake.inject(Operation.SEARCH, Fault.slow(Duration.ofSeconds(3)));

        assertThat(tracker.findUpdatedSince(Instant.EPOCH)).hasSize(1);

        assertThat(fake.count(Operation.SEARCH)).isEqualTo(3);
        assertThat(observer.get("search/io_error")).isEqualTo(2);
    }

    @Test
    void aCreateThatHappenedButAnswered500IsAdoptedNotDuplicated() throws Exception {
        List<NewTicket> requests = Fixtures.tickets("INC-20", 3);
        fake.inject(Operation.CREATE, Fault.statusAfterProcessing(500));

        List<CreateResult> results = tracker.create(requests);

        assertThat(results)
                .allSatisfy(r -> assertThat(r)
                        .isInstanceOfSatisfying(
                                CreateResult.Created.class,
                                c -> assertThat(c.adopted()).isTrue()));
        for (NewTicket request : requests) {
            assertThat(fake.issuesWithLabel(request.item().syncKey().label())).hasSize(1);
        }
        assertThat(fake.count(Operation.CREATE)).as("never re-sent").isEqualTo(1);
        assertThat(fake.count(Operation.SEARCH))
                .as("looked up by label instead")
                .isEqualTo(1);
    }

    @Test
    void aCreateThatFailedBeforeProcessingIsReportedTransientAndNotResent() throws Exception {
        List<NewTicket> requests = Fixtures.tickets("INC-21", 2);
        fake.inject(Operation.CREATE, Fault.status(503));

        List<CreateResult> first = tracker.create(requests);

        assertThat(first)
                .allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(CreateResult.Failed.class, f -> {
                    assertThat(f.kind()).isEqualTo(TrackerException.Kind.TRANSIENT);
                    assertThat(f.message()).contains("HTTP 503").contains("it was not sent again");
                }));
        assertThat(fake.issues()).isEmpty();
        assertThat(fake.count(Operation.CREATE)).isEqualTo(1);

        List<CreateResult> second = tracker.create(requests);
        assertThat(second).allMatch(r -> r instanceof CreateResult.Created c && !c.adopted());
        assertThat(fake.issues()).hasSize(2);
    }

    @Test
    void aCreateAnsweredAfterTheTimeOutIsAdopted() throws Exception {
        NewTicket request = Fixtures.tickets("INC-22", 1).getFirst();
        fake.inject(Operation.CREATE, Fault.slow(Duration.ofSeconds(3)));

        CreateResult result = tracker.create(List.of(request)).getFirst();

        assertThat(result)
                .isInstanceOfSatisfying(
                        CreateResult.Created.class, c -> assertThat(c.adopted()).isTrue());
        assertThat(fake.issuesWithLabel(request.item().syncKey().label())).hasSize(1);
        assertThat(fake.count(Operation.CREATE)).isEqualTo(1);
    }

    @Test
    void aConnectionDroppedAfterCreatingIsAdopted() throws Exception {
        NewTicket request = Fixtures.tickets("INC-23", 1).getFirst();
        fake.inject(Operation.CREATE, Fault.disconnectAfterProcessing());

        CreateResult result = tracker.create(List.of(request)).getFirst();

        assertThat(result)
                .isInstanceOfSatisfying(
                        CreateResult.Created.class, c -> assertThat(c.adopted()).isTrue());
        assertThat(fake.issues()).hasSize(1);
    }

    @Test
    void onCloudTheLookupMayNotSeeTheNewTicketYetSoItIsNotResentAndFoundLater() throws Exception {
        fake.searchLag(true);
        NewTicket request = Fixtures.tickets("INC-24", 1).getFirst();
        fake.inject(Operation.CREATE, Fault.statusAfterProcessing(502));

        CreateResult result = tracker.create(List.of(request)).getFirst();

        assertThat(result)
                .isInstanceOfSatisfying(
                        CreateResult.Failed.class,
                        f -> assertThat(f.kind()).isEqualTo(TrackerException.Kind.TRANSIENT));
        assertThat(fake.issues()).hasSize(1);
        fake.reindex(); // the search index catches up before the next pass
        SyncKey key = request.item().syncKey();
        assertThat(tracker.findBySyncKeys(List.of(key)).get(key)).hasSize(1);
        assertThat(fake.issues()).as("still exactly one ticket").hasSize(1);
    }

    @Test
    void rejectedCredentialsStopTheWholeCreateWithAMessageNamingTheKeys() throws Exception {
        TrackerConfig.AuthConfig wrong =
                new TrackerConfig.AuthConfig(fake.auth().email(), Secret.of("not-the-token"), null);
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.auth = wrong;
        try (JiraTracker bad = JiraTracker.create(config.build(), observer, clock, Fixtures.tuning(sleeper))) {
            TrackerException e = catchTracker(() -> bad.create(Fixtures.tickets("INC-25", 2)));
            assertThat(e.kind()).isEqualTo(TrackerException.Kind.PERMISSION);
            assertThat(e).hasMessageContaining("HTTP 401").hasMessageContaining("tracker.auth.apiToken");
            assertThat(e.isRetryable()).isFalse();
        }
        assertThat(fake.count(Operation.CREATE)).isZero();
    }

    @Test
    void anUnreachableJiraIsTransient() throws Exception {
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.url = java.net.URI.create("http://127.0.0.1:1/");
        try (JiraTracker unreachable = JiraTracker.create(
                config.build(), observer, clock, Fixtures.tuning(sleeper).withMaxAttempts(2))) {
            TrackerException e = catchTracker(unreachable::deployment);
            assertThat(e.kind()).isEqualTo(TrackerException.Kind.TRANSIENT);
            assertThat(e).hasMessageContaining("could not connect to 127.0.0.1");
        }
    }
}
