package io.postmortemsync.sync;

import io.postmortemsync.config.SyncConfig;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import io.postmortemsync.tracker.StatusMapping;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler. One pass, level-based: refresh the documents (parsing only changed ones), read
 * the tracker side, decide per item (create, adopt, follow a moved ticket, mirror the status,
 * link), apply, write back, publish, and tell the {@link SyncObserver}. Nothing depends on having
 * seen an earlier pass; what is remembered between passes only saves requests.
 *
 * <p>Passes never overlap: {@link #sync()} and {@link #plan()} wait for a pass in progress.
 * {@link #requestStop()} lets the pass in progress finish its current call and write the keys of
 * tickets it created, then skips the rest.
 */
public final class SyncEngine {

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    /**
     * What the engine works with.
     *
     * @param tracker the tracker, or null in offline mode ({@code tracker.type: none})
     */
    public record Parts(
            DocumentSource source,
            Tracker tracker,
            DocumentFormat format,
            TrackerConfig trackerConfig,
            SyncConfig syncConfig,
            SyncObserver observer,
            Clock clock) {

        public Parts {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(trackerConfig, "trackerConfig");
            Objects.requireNonNull(syncConfig, "syncConfig");
            Objects.requireNonNull(observer, "observer");
            Objects.requireNonNull(clock, "clock");
            if (tracker == null && !trackerConfig.isOffline()) {
                throw new IllegalArgumentException("a tracker is needed unless tracker.type is none");
            }
        }
    }

    private final Parts parts;
    private final Tracker tracker;
    private final DocumentCatalog catalog;
    private final TicketMemory memory = new TicketMemory();
    private final RetryBook retries = new RetryBook();
    private final StatusMapping statusMapping;
    private final Fanout fanout;
    private final Planner planner;
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public SyncEngine(Parts parts) {
        this.parts = parts;
        this.tracker = parts.trackerConfig().isOffline() ? null : parts.tracker();
        this.catalog = new DocumentCatalog(parts.format());
        this.statusMapping = new StatusMapping(
                parts.trackerConfig().statuses(), parts.trackerConfig().deferredResolutions());
        this.fanout = new Fanout(parts.trackerConfig().maxConcurrency());
        this.planner = new Planner(
                new Planner.Settings(
                        tracker == null,
                        parts.syncConfig().writeBack(),
                        parts.trackerConfig().remoteLinks()),
                statusMapping,
                parts.source()::linkFor);
    }

    /** Runs one pass and applies it: creates, links, writes back, publishes. */
    public PassReport sync() {
        return pass(PassReport.Mode.SYNC);
    }

    /**
     * Computes what {@link #sync()} would do and changes nothing: no tracker writes, no document
     * writes, no publishing (it does read the tracker). It starts from a blank memory, so it never
     * depends on, nor changes, what the daemon remembers between passes.
     */
    public PassReport plan() {
        return pass(PassReport.Mode.PLAN);
    }

    /** Asks the pass in progress (and any later one) to stop early; see the class comment. */
    public void requestStop() {
        stopRequested.set(true);
    }

    public boolean isStopRequested() {
        return stopRequested.get();
    }

    private PassReport pass(PassReport.Mode mode) {
        passLock.lock();
        try {
            return runPass(mode);
        } finally {
            passLock.unlock();
        }
    }

    private PassReport runPass(PassReport.Mode mode) {
        Instant startedAt = parts.clock().instant();
        boolean applying = mode == PassReport.Mode.SYNC;
        TicketMemory passMemory = applying ? memory : new TicketMemory();
        RetryBook passRetries = applying ? retries : new RetryBook();
        passRetries.startPass();
        ReportBuilder report = new ReportBuilder();

        TrackerReader reader = tracker == null
                ? null
                : new TrackerReader(
                        tracker, fanout, parts.clock(), parts.syncConfig().fullResyncInterval());
        // What the tracker can tell without the documents is asked while they are parsed.
        try (TrackerReader.Prefetch prefetch =
                reader == null ? TrackerReader.Prefetch.NONE : reader.prefetch(passMemory, applying)) {
            return runPass(mode, startedAt, passMemory, passRetries, report, reader, prefetch);
        }
    }

    private PassReport runPass(
            PassReport.Mode mode,
            Instant startedAt,
            TicketMemory passMemory,
            RetryBook passRetries,
            ReportBuilder report,
            TrackerReader reader,
            TrackerReader.Prefetch prefetch) {
        boolean applying = mode == PassReport.Mode.SYNC;
        DocumentCatalog.Snapshot documents;
        try {
            documents = catalog.read(parts.source(), prefetch::start);
        } catch (SourceException | RuntimeException e) {
            report.problem(PassReport.Problem.error(
                    null, 0, "reading the documents failed (" + parts.source().describe() + "): " + e.getMessage()));
            logUnexpected(e);
            return finish(mode, PassReport.Kind.NONE, startedAt, 0, 0, report, List.of(), null);
        }

        PassReport.Kind kind = PassReport.Kind.OFFLINE;
        PassRun run = new PassRun(
                new PassRun.Context(
                        mode,
                        parts.source(),
                        tracker,
                        parts.format(),
                        catalog,
                        passMemory,
                        passRetries,
                        reader,
                        Math.max(1, parts.trackerConfig().maxConcurrency()),
                        statusMapping,
                        parts.trackerConfig(),
                        parts.syncConfig().writeBack(),
                        parts.observer(),
                        stopRequested::get),
                report);
        try {
            if (reader != null) {
                kind = reader.observe(documents, passMemory, prefetch).kind();
            }
        } catch (TrackerException | RuntimeException e) {
            report.problem(PassReport.Problem.error(null, 0, "reading the tracker failed: " + e.getMessage()));
            logUnexpected(e);
            return finish(
                    mode,
                    PassReport.Kind.NONE,
                    startedAt,
                    documents.documents().size(),
                    documents.items(),
                    report,
                    documents.problems(),
                    applying ? documents.documents() : null,
                    true);
        }

        List<ItemPlan> plans = planner.plan(documents, tracker == null ? null : passMemory, passRetries);
        try {
            run.apply(plans, documents.reads());
        } catch (RuntimeException e) {
            report.problem(PassReport.Problem.error(null, 0, "internal error: " + e));
            log.error("the pass failed unexpectedly", e);
            return finish(
                    mode,
                    kind,
                    startedAt,
                    documents.documents().size(),
                    documents.items(),
                    report,
                    documents.problems(),
                    applying ? run.effectiveDocuments(documents.documents(), plans) : null,
                    true);
        }
        boolean failed = run.trackerFailed() || run.sourceFailed();
        return finish(
                mode,
                kind,
                startedAt,
                documents.documents().size(),
                documents.items(),
                report,
                documents.problems(),
                applying ? run.effectiveDocuments(documents.documents(), plans) : null,
                failed);
    }

    private PassReport finish(
            PassReport.Mode mode,
            PassReport.Kind kind,
            Instant startedAt,
            int documentCount,
            int items,
            ReportBuilder report,
            List<PassReport.Problem> documentProblems,
            List<ParsedDocument> effective) {
        return finish(mode, kind, startedAt, documentCount, items, report, documentProblems, effective, true);
    }

    private PassReport finish(
            PassReport.Mode mode,
            PassReport.Kind kind,
            Instant startedAt,
            int documentCount,
            int items,
            ReportBuilder report,
            List<PassReport.Problem> documentProblems,
            List<ParsedDocument> effective,
            boolean failed) {
        PassOutcome outcome =
                failed ? PassOutcome.FAILURE : report.anyFailed() ? PassOutcome.PARTIAL : PassOutcome.SUCCESS;
        Instant finishedAt = parts.clock().instant();
        Duration duration = Duration.between(startedAt, finishedAt);
        PassReport result = new PassReport(
                mode,
                kind,
                outcome,
                startedAt,
                duration,
                documentCount,
                items,
                report.actions(),
                report.summary(items),
                report.errors(documentProblems));
        if (mode == PassReport.Mode.SYNC) {
            notifyObserver(effective, outcome, duration, finishedAt);
        }
        return result;
    }

    /** The observer is somebody else's code: it must not be able to break a pass. */
    private void notifyObserver(
            List<ParsedDocument> effective, PassOutcome outcome, Duration duration, Instant finishedAt) {
        try {
            if (effective != null) {
                parts.observer().documentsRead(effective);
            }
            parts.observer().passFinished(outcome, duration, finishedAt);
        } catch (RuntimeException e) {
            log.warn("the sync observer failed", e);
        }
    }

    private static void logUnexpected(Exception e) {
        if (e instanceof RuntimeException) {
            log.error("the pass failed unexpectedly", e);
        }
    }
}
