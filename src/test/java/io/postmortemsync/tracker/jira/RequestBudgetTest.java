package io.postmortemsync.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.FakeJira.Mode;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each operation costs in requests, counted at the fake (counts, not times): the sync
 * engine's pass budgets are built on these.
 */
class RequestBudgetTest {

    final TestClock clock = TestClock.at("2025-04-16T08:00:00Z");

    private JiraTracker tracker(FakeJira fake, int maxConcurrency) {
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.maxConcurrency = maxConcurrency;
        return JiraTracker.create(
                config.build(),
                new Fixtures.CountingObserver(),
                clock,
                Fixtures.tuning(new Fixtures.RecordingSleeper(clock)));
    }

    private FakeJira start(Mode mode) {
        return FakeJira.builder(mode).clock(clock).start();
    }

    @ParameterizedTest(name = "{0}: {1} tickets in {2} create requests")
    @CsvSource({
        "CLOUD, 1, 1",
        "CLOUD, 50, 1",
        "CLOUD, 51, 2",
        "CLOUD, 120, 3",
        "DATACENTER, 50, 1",
        "DATACENTER, 120, 3"
    })
    void creatingNTicketsCostsCeilNOver50CreateRequests(Mode mode, int n, int requests) throws Exception {
        try (FakeJira fake = start(mode);
                JiraTracker tracker = tracker(fake, 4)) {
            List<CreateResult> results = tracker.create(Fixtures.tickets("INC-" + n, n));

            assertThat(results).hasSize(n).allMatch(r -> r instanceof CreateResult.Created);
            assertThat(fake.count(Operation.CREATE)).isEqualTo(requests);
            assertThat(fake.count(Operation.CREATEMETA))
                    .as("issue types + screen of the one route, read once")
                    .isEqualTo(2);
            fake.assertNoViolations();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void preparingToCreateReadsEachRoutesScreenOnceAndTheCreatesReadNoMetadata(Mode mode) throws Exception {
        FakeJira fake = start(mode);
        fake.issueType("OPS", "Bug").project("SEC", "Security");
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.route(io.postmortemsync.postmortem.ItemType.DETECT, "Bug", null, List.of("detect"), null);
        config.route(io.postmortemsync.postmortem.ItemType.RESPOND, "Task", "SEC", List.of("respond"), null);
        try (fake;
                JiraTracker tracker = JiraTracker.create(
                        config.build(),
                        new Fixtures.CountingObserver(),
                        clock,
                        Fixtures.tuning(new Fixtures.RecordingSleeper(clock)))) {
            tracker.prepareToCreate();

            assertThat(fake.count(Operation.SERVER_INFO)).isEqualTo(1);
            // OPS: issue types, Task screen, Bug screen; SEC: issue types, Task screen.
            assertThat(fake.count(Operation.CREATEMETA)).isEqualTo(5);
            fake.clearLog();

            tracker.create(Fixtures.tickets("INC-P", 3));
            assertThat(fake.count(Operation.CREATEMETA)).isZero();
            assertThat(fake.count(Operation.CREATE)).isEqualTo(1);
            fake.assertNoViolations();
        }
    }

    @Test
    void preparingToCreateAgainstAnUnreachableJiraThrowsNothing() throws Exception {
        FakeJira fake = start(Mode.DATACENTER);
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        fake.close();
        try (JiraTracker tracker = JiraTracker.create(
                config.build(),
                new Fixtures.CountingObserver(),
                clock,
                Fixtures.tuning(new Fixtures.RecordingSleeper(clock)).withMaxAttempts(1))) {
            tracker.prepareToCreate(); // the calls that need the metadata meet the failure and report it
            assertThat(org.assertj.core.api.Assertions.catchThrowable(tracker::deployment))
                    .isInstanceOf(io.postmortemsync.tracker.TrackerException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void lookingUpKSyncKeysCostsCeilKOver50Searches(Mode mode) throws Exception {
        try (FakeJira fake = start(mode);
                JiraTracker tracker = tracker(fake, 4)) {
            List<SyncKey> keys = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                SyncKey k = SyncKey.of("INC-1", "action " + i);
                keys.add(k);
                if (i % 10 == 0) {
                    fake.createIssue("OPS", "action " + i, "postmortem-sync", k.label());
                }
            }
            tracker.deployment();
            fake.clearLog();

            Map<SyncKey, List<Ticket>> found = tracker.findBySyncKeys(keys);

            assertThat(found.values().stream().filter(l -> !l.isEmpty())).hasSize(12);
            assertThat(fake.count(Operation.SEARCH)).isEqualTo(3);
            assertThat(fake.totalRequests()).isEqualTo(3);
            fake.assertNoViolations();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void readingKTicketsByKeyCostsCeilKOver100Requests(Mode mode) throws Exception {
        try (FakeJira fake = start(mode);
                JiraTracker tracker = tracker(fake, 4)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                keys.add(fake.createIssue("OPS", "issue " + i, "postmortem-sync"));
            }
            tracker.deployment();
            fake.clearLog();

            var lookup = tracker.read(keys);

            assertThat(lookup.found()).hasSize(250);
            assertThat(lookup.missing()).isEmpty();
            assertThat(fake.count(mode == Mode.CLOUD ? Operation.BULK_FETCH : Operation.SEARCH))
                    .isEqualTo(3);
            assertThat(fake.totalRequests()).isEqualTo(3);
            fake.assertNoViolations();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void aSteadyChangeSearchIsOneRequestAndSoIsOneAfter50Changes(Mode mode) throws Exception {
        try (FakeJira fake = start(mode);
                JiraTracker tracker = tracker(fake, 4)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                keys.add(fake.createIssue("OPS", "issue " + i, "postmortem-sync"));
            }
            clock.advance(Duration.ofMinutes(5));
            tracker.findUpdatedSince(clock.instant()); // first pass: deployment and the user's time zone
            fake.clearLog();

            clock.advance(Duration.ofMinutes(5));
            Instant since = clock.instant();
            assertThat(tracker.findUpdatedSince(since)).isEmpty();
            assertThat(fake.totalRequests()).as("steady pass").isEqualTo(1);

            clock.advance(Duration.ofMinutes(1));
            keys.subList(0, 50).forEach(k -> fake.transition(k, "In Progress", null));
            fake.clearLog();
            assertThat(tracker.findUpdatedSince(since)).hasSize(50);
            assertThat(fake.totalRequests()).as("after 50 changes").isEqualTo(1);
            fake.assertNoViolations();
        }
    }

    @Test
    void theDeploymentIsDetectedOnceAndMetadataIsCached() throws Exception {
        try (FakeJira fake = start(Mode.CLOUD);
                JiraTracker tracker = tracker(fake, 4)) {
            for (int i = 0; i < 3; i++) {
                tracker.create(Fixtures.tickets("INC-" + i, 2));
                tracker.findUpdatedSince(Instant.EPOCH);
                tracker.deployment();
            }
            assertThat(fake.count(Operation.SERVER_INFO)).isEqualTo(1);
            assertThat(fake.count(Operation.CREATEMETA)).isEqualTo(2);
            assertThat(fake.count(Operation.CREATE)).isEqualTo(3);

            clock.advance(Duration.ofMinutes(61)); // metadata expires after an hour
            tracker.create(Fixtures.tickets("INC-9", 1));
            assertThat(fake.count(Operation.CREATEMETA)).isEqualTo(4);
            fake.assertNoViolations();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void searchesFollowEveryPage(Mode mode) throws Exception {
        try (FakeJira fake = start(mode);
                JiraTracker tracker = tracker(fake, 4)) {
            fake.searchPageLimit(7);
            for (int i = 0; i < 100; i++) {
                fake.createIssue("OPS", "issue " + i, "postmortem-sync");
            }
            tracker.findUpdatedSince(clock.instant().plusSeconds(3600));
            fake.clearLog();

            List<Ticket> all = tracker.findUpdatedSince(Instant.EPOCH);

            assertThat(all).hasSize(100).extracting(Ticket::key).doesNotHaveDuplicates();
            assertThat(fake.count(Operation.SEARCH)).isEqualTo(15); // ceil(100 / 7)
            fake.assertNoViolations();
        }
    }

    @Test
    void noMoreThanMaxConcurrencyRequestsAreInFlight() throws Exception {
        try (FakeJira fake = start(Mode.CLOUD);
                JiraTracker tracker = tracker(fake, 2)) {
            tracker.deployment();
            List<SyncKey> keys = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                keys.add(SyncKey.of("INC-C", "action " + i));
            }
            FakeJira.Gate gate = fake.hold(Operation.SEARCH);
            CompletableFuture<Map<SyncKey, List<Ticket>>> lookup = CompletableFuture.supplyAsync(() -> {
                try {
                    return tracker.findBySyncKeys(keys);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                assertThat(fake.awaitInFlight(2, Duration.ofSeconds(10))).isTrue();
                // The third search waits for a slot in the client, not at the server.
                assertThat(eventually(() -> tracker.http().limiter().waiting() == 1))
                        .isTrue();
                assertThat(fake.maxInFlight()).isEqualTo(2);
            } finally {
                gate.open();
            }
            assertThat(lookup.get(10, TimeUnit.SECONDS)).hasSize(150);
            assertThat(fake.count(Operation.SEARCH)).isEqualTo(3);
            assertThat(fake.maxInFlight()).isEqualTo(2);
            fake.assertNoViolations();
        }
    }

    /** Spins (no sleeping) until the condition holds or ten seconds pass. */
    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
