package io.postmortemsync.tracker.jira;

import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.config.TrackerConfig.TypeRoute;
import io.postmortemsync.config.TrackerConfig.UserRef;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.postmortem.Severity;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builders for configurations, tickets and trackers pointed at a fake Jira. */
final class Fixtures {

    private Fixtures() {}

    /** A tracker configuration; start from {@link #config(FakeJira)} and change what a test needs. */
    static final class ConfigBuilder {
        URI url;
        TrackerConfig.Deployment deployment = TrackerConfig.Deployment.AUTO;
        TrackerConfig.AuthConfig auth;
        String project = "OPS";
        List<String> labels = List.of("postmortem");
        Map<ItemType, TypeRoute> types = new EnumMap<>(ItemType.class);
        String incidentLink = "Relates";
        boolean remoteLinks = true;
        Map<String, UserRef> users = new LinkedHashMap<>();
        int maxConcurrency = 4;

        ConfigBuilder route(ItemType type, String issueType, String project, List<String> labels, String priority) {
            types.put(type, new TypeRoute(issueType, project, labels, priority));
            return this;
        }

        ConfigBuilder user(String owner, String accountId, String name) {
            users.put(owner, new UserRef(accountId, name));
            return this;
        }

        TrackerConfig build() {
            return new TrackerConfig(
                    TrackerConfig.TrackerType.JIRA,
                    url,
                    deployment,
                    auth,
                    project,
                    labels,
                    types,
                    incidentLink,
                    remoteLinks,
                    Map.of(),
                    List.of("Won't Do", "Duplicate"),
                    users,
                    maxConcurrency);
        }
    }

    static ConfigBuilder config(FakeJira jira) {
        ConfigBuilder b = new ConfigBuilder();
        b.url = jira.url();
        b.auth = jira.auth();
        b.route(ItemType.PREVENT, "Task", "OPS", List.of("prevent"), "High");
        b.route(ItemType.DETECT, "Task", null, List.of("detect"), null);
        b.route(ItemType.RESPOND, "Task", null, List.of("respond"), null);
        return b;
    }

    static Postmortem postmortem(String incidentId) {
        return new Postmortem(
                "postmortems/" + incidentId.toLowerCase(Locale.ROOT) + ".md",
                incidentId,
                "Payment service errors",
                LocalDate.parse("2025-04-10"),
                Severity.P1,
                List.of("payment-service", "checkout"),
                "12% of payments failed",
                null,
                List.of());
    }

    static NewTicket ticket(String incidentId, String action, ItemType type, String owner, LocalDate due) {
        return ticket(postmortem(incidentId), action, type, owner, due);
    }

    static NewTicket ticket(Postmortem pm, String action, ItemType type, String owner, LocalDate due) {
        ActionItem item = new ActionItem(
                31, action, type, owner, due, ItemStatus.NOT_STARTED, null, SyncKey.of(pm.incidentId(), action));
        return new NewTicket(pm, item, "https://git.example.com/acme/postmortems/blob/main/" + pm.file());
    }

    /** {@code n} distinct tickets of one incident. */
    static List<NewTicket> tickets(String incidentId, int n) {
        List<NewTicket> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(ticket(incidentId, "Action item number " + i, ItemType.PREVENT, null, null));
        }
        return out;
    }

    /** Records every wait and advances the clock by it instead of sleeping. */
    static final class RecordingSleeper implements JiraTracker.Sleeper {
        final TestClock clock;
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        RecordingSleeper(TestClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(Duration d) {
            waits.add(d);
            clock.advance(d);
        }

        Duration total() {
            return waits.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    static JiraTracker.Tuning tuning(RecordingSleeper sleeper) {
        return JiraTracker.Tuning.defaults()
                .withSleeper(sleeper)
                .withJitter(() -> 0.5)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** Counts observer reports as "operation/outcome". */
    static final class CountingObserver implements TrackerRequestObserver {
        final Map<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void onRequest(String operation, Outcome outcome) {
            counts.merge(operation + "/" + outcome.label(), 1, Integer::sum);
        }

        int get(String key) {
            return counts.getOrDefault(key, 0);
        }
    }
}
