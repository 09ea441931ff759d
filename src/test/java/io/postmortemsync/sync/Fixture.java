package io.postmortemsync.sync;

import io.postmortemsync.config.SyncConfig;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.tracker.TicketStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An engine wired to in-memory fakes, with the knobs the tests turn. */
final class Fixture {

    final TestClock clock = new TestClock(Instant.parse("2025-05-01T09:00:00Z"));
    final FakeSource source;
    final FakeTracker tracker = new FakeTracker(clock);
    final RecordingObserver observer = new RecordingObserver();
    DocumentFormat format = new LineFormat();
    boolean writeBack = true;
    boolean remoteLinks = false;
    boolean offline = false;
    Duration fullResync = Duration.ofHours(1);
    Duration interval = Duration.ofMinutes(5);

    Fixture() {
        this(false);
    }

    Fixture(boolean documentLinks) {
        this.source = new FakeSource(documentLinks);
    }

    TrackerConfig trackerConfig() {
        return new TrackerConfig(
                offline ? TrackerConfig.TrackerType.NONE : TrackerConfig.TrackerType.JIRA,
                URI.create("https://jira.example.com"),
                TrackerConfig.Deployment.CLOUD,
                null,
                "OPS",
                List.of("postmortem"),
                Map.of(ItemType.PREVENT, new TrackerConfig.TypeRoute("Task", null, List.of("prevent"), "High")),
                "Relates",
                remoteLinks,
                Map.of("Won't Do", ItemStatus.DEFERRED),
                List.of("Won't Do", "Won't Fix", "Duplicate"),
                Map.of(),
                4);
    }

    SyncEngine engine() {
        return new SyncEngine(new SyncEngine.Parts(
                source,
                offline ? null : tracker,
                format,
                trackerConfig(),
                new SyncConfig(interval, fullResync, ZoneOffset.UTC, writeBack),
                observer,
                clock));
    }

    /** Moves time to the next pass of the daemon. */
    void nextInterval() {
        clock.advance(interval);
    }

    /** Records what the engine tells its observer. */
    static final class RecordingObserver implements SyncObserver {
        final List<List<ParsedDocument>> documents = new ArrayList<>();
        final List<ItemType> created = new ArrayList<>();
        final List<PassOutcome> outcomes = new ArrayList<>();

        @Override
        public void documentsRead(List<ParsedDocument> docs) {
            documents.add(docs);
        }

        @Override
        public void ticketCreated(ItemType type) {
            created.add(type);
        }

        @Override
        public void passFinished(PassOutcome outcome, Duration duration, Instant finishedAt) {
            outcomes.add(outcome);
        }

        List<ParsedDocument> lastDocuments() {
            return documents.getLast();
        }
    }

    static TicketStatus status(String name, TicketStatus.Category category, String resolution) {
        return new TicketStatus(name, category, resolution);
    }
}
