package io.postmortemsync.sync.e2e;

import io.postmortemsync.config.SyncConfig;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.config.TrackerConfig.TypeRoute;
import io.postmortemsync.config.TrackerConfig.UserRef;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.markdown.ParseOptions;
import io.postmortemsync.source.DirectoryDocumentSource;
import io.postmortemsync.sync.DocumentFormat;
import io.postmortemsync.sync.SyncEngine;
import io.postmortemsync.sync.SyncObserver;
import io.postmortemsync.tracker.TrackerRequestObserver;
import io.postmortemsync.tracker.jira.JiraTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The real engine, folder source, Markdown parser and rewriter, and Jira adapter, against the fake
 * Jira on a local port. Back-off waits advance the test clock instead of sleeping.
 */
final class Harness implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(5);

    final TestClock clock = TestClock.at("2025-05-01T09:00:00Z");
    final FakeJira jira;
    final Path folder;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final JiraTracker tracker;
    boolean writeBack = true;

    Harness(FakeJira.Mode mode, Path folder) {
        this.folder = folder;
        this.jira = FakeJira.builder(mode).clock(clock).start();
        jira.user(FakeJira.FakeUser.of(
                mode == FakeJira.Mode.CLOUD ? "acc-alice" : "alice", "Alice", "alice@example.com"));
        this.tracker = JiraTracker.create(
                trackerConfig(),
                TrackerRequestObserver.NONE,
                clock,
                JiraTracker.Tuning.defaults()
                        .withSleeper(d -> {
                            waits.add(d);
                            clock.advance(d);
                        })
                        .withJitter(() -> 0.5)
                        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    TrackerConfig trackerConfig() {
        boolean cloud = jira.mode() == FakeJira.Mode.CLOUD;
        return new TrackerConfig(
                TrackerConfig.TrackerType.JIRA,
                jira.url(),
                TrackerConfig.Deployment.AUTO,
                jira.auth(),
                "OPS",
                List.of("postmortem"),
                Map.of(
                        ItemType.PREVENT,
                        new TypeRoute("Task", "OPS", List.of("prevent"), "High"),
                        ItemType.DETECT,
                        new TypeRoute("Task", null, List.of("detect"), null),
                        ItemType.RESPOND,
                        new TypeRoute("Task", null, List.of("respond"), null)),
                "Relates",
                true,
                Map.of("Won't Do", ItemStatus.DEFERRED),
                List.of("Won't Do", "Won't Fix", "Duplicate"),
                Map.of("@alice", cloud ? new UserRef("acc-alice", null) : new UserRef(null, "alice")),
                4);
    }

    SyncEngine engine() {
        return engine(SyncObserver.NONE);
    }

    SyncEngine engine(SyncObserver observer) {
        return new SyncEngine(new SyncEngine.Parts(
                new DirectoryDocumentSource(
                        folder, List.of(), List.of(), "https://git.example.com/acme/postmortems/blob/main/{path}"),
                tracker,
                DocumentFormat.markdown(
                        new ParseOptions(ItemType.PREVENT, jira.url().toString())),
                trackerConfig(),
                new SyncConfig(INTERVAL, Duration.ofHours(1), ZoneOffset.UTC, writeBack),
                observer,
                clock));
    }

    void nextInterval() {
        clock.advance(INTERVAL);
    }

    void write(String name, String content) {
        try {
            Files.writeString(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String name) {
        try {
            return Files.readString(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document's bytes, by name. */
    Map<String, String> snapshot() {
        try (Stream<Path> files = Files.list(folder)) {
            Map<String, String> all = new TreeMap<>();
            files.forEach(f -> all.put(f.getFileName().toString(), new String(readBytes(f), StandardCharsets.UTF_8)));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readBytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        tracker.close();
        jira.close();
        jira.assertNoViolations();
    }

    /** A postmortem in the team template. */
    static String postmortem(String incidentId, String incidentTicket, String... rows) {
        StringBuilder b = new StringBuilder();
        b.append("# Incident Postmortem: ").append(incidentId).append(" errors\n\n");
        b.append("## Incident Summary\n");
        b.append("- **Incident ID**: ").append(incidentId).append('\n');
        b.append("- **Date**: 2025-04-10\n");
        b.append("- **Severity**: P1\n");
        b.append("- **Service(s) Affected**: payment-service, checkout\n");
        if (incidentTicket != null) {
            b.append("- **Ticket**: ").append(incidentTicket).append('\n');
        }
        b.append("\n## Root Cause Analysis\nThe pool ran dry.\n\n");
        b.append("## Action Items\n");
        b.append("| Action | Type | Owner | Due Date | Status |\n");
        b.append("|--------|------|-------|----------|--------|\n");
        for (String row : rows) {
            b.append(row).append('\n');
        }
        b.append("\n## Lessons\nKeep an eye on pools.\n");
        return b.toString();
    }
}
