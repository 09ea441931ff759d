package io.postmortemsync.sync;

import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.markdown.ItemChange;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.sync.ItemPlan.Decision;
import io.postmortemsync.sync.ItemPlan.LinkNeed;
import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.StatusMapping;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out (or, for {@code plan}, only describes) the decisions of one pass. Per item the order
 * keeps a crash harmless: bulk create, links, then the document's write-back with every change for
 * it; a ticket created and not yet written back when the process dies is adopted by the next pass
 * through its label. Across items the work is a pipeline (see {@link #runPipeline}).
 */
final class PassRun {

    /** Jira's bulk create takes at most 50 issues. */
    static final int CREATE_CHUNK = 50;

    private static final Logger log = LoggerFactory.getLogger(PassRun.class);

    /** What a pass needs from the engine. */
    record Context(
            PassReport.Mode mode,
            DocumentSource source,
            Tracker tracker,
            DocumentFormat format,
            DocumentCatalog catalog,
            TicketMemory memory,
            RetryBook retries,
            TrackerReader reader,
            int parallelism,
            StatusMapping statusMapping,
            TrackerConfig trackerConfig,
            boolean writeBack,
            SyncObserver observer,
            BooleanSupplier stopping) {}

    private final Context ctx;
    private final ReportBuilder report;
    private final IdentityHashMap<ItemPlan, String> created = new IdentityHashMap<>();
    private TrackerException trackerFailure;
    private boolean sourceFailed;

    private final WriteBacks writeBacks;

    PassRun(Context ctx, ReportBuilder report) {
        this.ctx = ctx;
        this.report = report;
        this.writeBacks = new WriteBacks(ctx, report, created);
    }

    boolean trackerFailed() {
        return trackerFailure != null;
    }

    boolean sourceFailed() {
        return sourceFailed;
    }

    /** @param reads this pass's reads of documents, which their write-backs start from */
    void apply(List<ItemPlan> plans, Map<String, DocumentFormat.Read> reads) {
        reportDecisions(plans);
        boolean dryRun = ctx.mode() == PassReport.Mode.PLAN;
        if (dryRun) {
            describeLinks(plans);
            writeBacks.describe(plans);
            return;
        }
        runPipeline(plans, reads);
        publish();
    }

    /** Decisions that need no tracker call are reported as they are. */
    private void reportDecisions(List<ItemPlan> plans) {
        for (ItemPlan p : plans) {
            switch (p.decision()) {
                case Decision.Skip skip -> report.action(p, Op.SKIP, p.item().ticket(), skip.reason());
                case Decision.Fail fail -> {
                    report.action(p, Op.SKIP, p.item().ticket(), fail.reason());
                    report.failure(p, fail.reason());
                }
                case Decision.Adopt adopt -> {
                    report.action(p, Op.ADOPT, adopt.ticket().key(), Wording.adoptDetail(p, adopt));
                    if (!adopt.duplicates().isEmpty()) {
                        report.warning(
                                p,
                                "tickets " + adopt.ticket().key() + ", " + String.join(", ", adopt.duplicates())
                                        + " all carry the label "
                                        + p.item().syncKey().label() + "; "
                                        + adopt.ticket().key()
                                        + " (the oldest) is kept, the others are left alone");
                    }
                }
                case Decision.Create create
                when ctx.mode() == PassReport.Mode.PLAN ->
                    report.action(p, Op.CREATE, null, Wording.createDetail(ctx.trackerConfig(), create.request()));
                case Decision.Create create -> {}
                case Decision.Update update -> {
                    if (update.handEdited()) {
                        log.atWarn()
                                .addKeyValue("file", p.file())
                                .addKeyValue("line", p.item().line())
                                .addKeyValue("ticket", update.ticket().key())
                                .log(
                                        "{}:{}: status edited by hand to {}; {} says {}, which wins",
                                        p.file(),
                                        p.item().line(),
                                        p.item().status().text(),
                                        update.ticket().key(),
                                        update.statusTo().text());
                    }
                }
                case Decision.InSync inSync -> {}
            }
            for (ItemPlan.Waiting w : p.waiting()) {
                report.action(p, Op.SKIP, p.item().ticket(), w.describe());
                report.failure(p, w.describe());
            }
        }
    }

    // ---- the pipeline ---------------------------------------------------------------------

    /**
     * New tickets are read back (for their status, written with their key) when they are this few:
     * one round of requests. A cold start creating thousands leaves their statuses to the next pass,
     * which reads every ticket updated since anyway.
     */
    static final int READ_BACK_LIMIT = 200;

    /** Documents written at once when the source allows it: the writes wait on the disk, not the CPU. */
    static final int WRITERS = 4;

    /** What a task reports back to the pass thread, which alone touches memory, report and catalog. */
    private sealed interface Done permits ChunkDone, LinksDone, WriteDone, Crashed {}

    /** A bulk create, and the new tickets read back when {@link #READ_BACK_LIMIT} allows. */
    private record ChunkDone(
            List<ItemPlan> chunk, Fanout.Outcome<List<CreateResult>> outcome, Tracker.TicketLookup readBack)
            implements Done {}

    /** The links of one item's ticket. */
    private record LinksDone(List<LinkJob> jobs, List<Fanout.Outcome<Boolean>> outcomes) implements Done {}

    /** One document written (or not: {@code failure} says why). */
    private record WriteDone(WriteBacks.Written written) implements Done {}

    /** A task threw: a bug, reported as such. */
    private record Crashed(RuntimeException error) implements Done {}

    /** Runs the tracker work with at most {@code tracker.maxConcurrency} tasks at once and writes each
     * document as soon as the work for its items is done: the key of a new ticket reaches its
     * document while the next bulk creates are still in flight, and the disk work overlaps the
     * network waits. Order per item stays create, links, write-back.
     */
    private void runPipeline(List<ItemPlan> plans, Map<String, DocumentFormat.Read> reads) {
        try (Pipeline pipeline = new Pipeline(plans, reads)) {
            pipeline.run();
        }
    }

    private final class Pipeline implements AutoCloseable {
        private final Map<String, List<ItemPlan>> byDocument = new LinkedHashMap<>();
        /** Handed to each document's write and then dropped, so the pass holds fewer texts as it goes. */
        private final Map<String, DocumentFormat.Read> reads;

        private final Map<String, Integer> pending = new HashMap<>();
        private final List<ItemPlan> toCreate;
        private final boolean readBack;
        private final AtomicBoolean halted = new AtomicBoolean();
        private final BlockingQueue<Done> results = new LinkedBlockingQueue<>();
        private final ExecutorService trackerTasks = Executors.newFixedThreadPool(
                ctx.parallelism(), Thread.ofVirtual().factory());
        private final ExecutorService writers = ctx.source().updatesConcurrently()
                ? Executors.newFixedThreadPool(WRITERS, Thread.ofVirtual().factory())
                : null;
        private int outstanding;

        Pipeline(List<ItemPlan> plans, Map<String, DocumentFormat.Read> reads) {
            this.reads = new HashMap<>(reads);
            plans.forEach(p ->
                    byDocument.computeIfAbsent(p.file(), f -> new ArrayList<>()).add(p));
            toCreate = plans.stream()
                    .filter(p -> p.decision() instanceof Decision.Create)
                    .toList();
            readBack = toCreate.size() <= READ_BACK_LIMIT;
            for (List<ItemPlan> chunk : Fanout.chunks(toCreate, CREATE_CHUNK)) {
                chunk.stream().map(ItemPlan::file).distinct().forEach(f -> pending.merge(f, 1, Integer::sum));
                submit(trackerTasks, () -> createChunk(chunk, readBack, halted));
            }
            for (LinkJob job : linkJobs(plans, false)) {
                pending.merge(job.plan().file(), 1, Integer::sum);
                submit(trackerTasks, () -> link(List.of(job), halted));
            }
        }

        void run() {
            for (Map.Entry<String, List<ItemPlan>> doc : byDocument.entrySet()) {
                if (!pending.containsKey(doc.getKey())) {
                    write(doc.getKey(), doc.getValue());
                }
            }
            while (outstanding > 0) {
                Done done = next();
                outstanding--;
                switch (done) {
                    case ChunkDone chunk -> {
                        recordChunk(chunk);
                        linkCreated(chunk.chunk());
                        chunk.chunk().stream().map(ItemPlan::file).distinct().forEach(this::finished);
                    }
                    case LinksDone links -> {
                        recordLinks(links);
                        finished(links.jobs().getFirst().plan().file());
                    }
                    case WriteDone write -> writeBacks.record(write.written());
                    case Crashed crashed -> throw crashed.error();
                }
            }
        }

        /** The new tickets of a chunk get their links next, each ticket as a task of its own. */
        private void linkCreated(List<ItemPlan> chunk) {
            for (ItemPlan p : chunk) {
                String key = created.get(p);
                if (key == null || p.links().isEmpty()) {
                    continue;
                }
                List<LinkJob> jobs = p.links().stream()
                        .map(need -> new LinkJob(p, key, need))
                        .toList();
                if (halted.get() || ctx.stopping().getAsBoolean()) {
                    jobs.forEach(PassRun.this::linkPostponed);
                } else {
                    pending.merge(p.file(), 1, Integer::sum);
                    submit(trackerTasks, () -> link(jobs, halted));
                }
            }
        }

        /** One piece of a document's tracker work is done; when it was the last, the document is written. */
        private void finished(String file) {
            if (pending.merge(file, -1, Integer::sum) == 0) {
                write(file, byDocument.get(file));
            }
        }

        private void write(String path, List<ItemPlan> plans) {
            DocumentFormat.Read earlier = reads.remove(path);
            writeBacks.prepare(path, plans).ifPresent(changes -> {
                if (writers != null) {
                    submit(writers, () -> new WriteDone(writeBacks.perform(path, changes, earlier)));
                } else {
                    writeBacks.record(writeBacks.perform(path, changes, earlier));
                }
            });
        }

        private void submit(ExecutorService executor, java.util.function.Supplier<Done> task) {
            outstanding++;
            executor.execute(() -> {
                try {
                    results.add(task.get());
                } catch (RuntimeException e) {
                    results.add(new Crashed(e));
                }
            });
        }

        private Done next() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return results.take();
                    } catch (InterruptedException e) {
                        // Tasks end quickly once halted; the pass still records what they did.
                        interrupted = true;
                        halted.set(true);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            trackerTasks.shutdownNow();
            if (writers != null) {
                writers.shutdown(); // a write in progress finishes: documents are never half-written
            }
        }
    }

    /** On a pool thread: one bulk create, then (when few) the new tickets read back. */
    private ChunkDone createChunk(List<ItemPlan> chunk, boolean readBack, AtomicBoolean halted) {
        List<NewTicket> requests = chunk.stream()
                .map(p -> ((Decision.Create) p.decision()).request())
                .toList();
        Fanout.Outcome<List<CreateResult>> outcome = attempt(() -> ctx.tracker().create(requests), e -> true, halted);
        Tracker.TicketLookup lookup = null;
        if (readBack && outcome instanceof Fanout.Outcome.Done<List<CreateResult>> ok) {
            List<String> keys = ok.value().stream()
                    .filter(r -> r instanceof CreateResult.Created)
                    .map(r -> ((CreateResult.Created) r).key())
                    .toList();
            if (!keys.isEmpty() && !halted.get() && !ctx.stopping().getAsBoolean()) {
                try {
                    lookup = ctx.tracker().read(keys);
                } catch (TrackerException | RuntimeException e) {
                    // The keys are what matters now; the statuses follow in the next pass.
                    log.atInfo()
                            .addKeyValue("error", e.getMessage())
                            .log("could not read the new tickets back: {}", e.getMessage());
                }
            }
        }
        return new ChunkDone(chunk, outcome, lookup);
    }

    /** On a pool thread: the links of one ticket, one after the other. */
    private LinksDone link(List<LinkJob> jobs, AtomicBoolean halted) {
        List<Fanout.Outcome<Boolean>> outcomes = new ArrayList<>(jobs.size());
        for (LinkJob job : jobs) {
            outcomes.add(attempt(
                    () -> {
                        switch (job.need()) {
                            case LinkNeed.Incident incident ->
                                ctx.tracker().linkToIncident(job.ticketKey(), incident.incidentKey());
                            case LinkNeed.Document doc ->
                                ctx.tracker()
                                        .upsertDocumentLink(
                                                job.ticketKey(),
                                                job.plan().item().syncKey(),
                                                doc.url(),
                                                doc.title());
                        }
                        return true;
                    },
                    TrackerException::isRetryable,
                    halted));
        }
        return new LinksDone(jobs, outcomes);
    }

    @FunctionalInterface
    private interface TrackerCall<R> {
        R call() throws TrackerException;
    }

    private <R> Fanout.Outcome<R> attempt(
            TrackerCall<R> call, java.util.function.Predicate<TrackerException> haltsAll, AtomicBoolean halted) {
        if (halted.get() || ctx.stopping().getAsBoolean()) {
            return new Fanout.Outcome.NotRun<>();
        }
        try {
            return new Fanout.Outcome.Done<>(call.call());
        } catch (TrackerException e) {
            if (haltsAll.test(e)) {
                halted.set(true);
            }
            return new Fanout.Outcome.Failed<>(e);
        } catch (RuntimeException e) {
            // A bug in an adapter must not lose the results of the calls that worked.
            halted.set(true);
            return new Fanout.Outcome.Failed<>(new TrackerException(
                    TrackerException.Kind.TRANSIENT, "unexpected error in the tracker adapter: " + e, e));
        }
    }

    // ---- creating -------------------------------------------------------------------------

    private void recordChunk(ChunkDone done) {
        List<ItemPlan> chunk = done.chunk();
        switch (done.outcome()) {
            case Fanout.Outcome.Done<List<CreateResult>> ok -> recordCreated(chunk, ok.value());
            case Fanout.Outcome.Failed<List<CreateResult>> failed -> {
                trackerFailed(failed.error());
                chunk.forEach(p -> report.action(
                        p,
                        Op.SKIP,
                        null,
                        "not created in this pass: " + failed.error().getMessage()));
            }
            case Fanout.Outcome.NotRun<List<CreateResult>> notRun ->
                chunk.forEach(p -> report.action(p, Op.SKIP, null, "not created in this pass: " + haltReason()));
        }
        if (done.readBack() != null) {
            done.readBack().found().forEach(ctx.memory()::remember);
        }
    }

    private void recordCreated(List<ItemPlan> chunk, List<CreateResult> results) {
        IdentityHashMap<NewTicket, ItemPlan> byRequest = new IdentityHashMap<>();
        chunk.forEach(p -> byRequest.put(((Decision.Create) p.decision()).request(), p));
        for (int i = 0; i < results.size(); i++) {
            CreateResult result = results.get(i);
            ItemPlan p = byRequest.getOrDefault(result.request(), i < chunk.size() ? chunk.get(i) : null);
            if (p == null) {
                continue;
            }
            String subject = RetryBook.create(p.item().syncKey());
            switch (result) {
                case CreateResult.Created c -> {
                    created.put(p, c.key());
                    ctx.retries().succeeded(subject);
                    // Known by key and label until read: enough to adopt it rather than create it again.
                    ctx.memory()
                            .remember(new Ticket(
                                    null,
                                    c.key(),
                                    p.item().action(),
                                    Set.of(Tracker.OWN_LABEL, p.item().syncKey().label()),
                                    null,
                                    p.item().dueDate(),
                                    null,
                                    Set.of(),
                                    null));
                    if (c.adopted()) {
                        report.action(
                                p,
                                Op.ADOPT,
                                c.key(),
                                "found by its label " + p.item().syncKey().label()
                                        + " after an uncertain create; not created again");
                    } else {
                        report.action(
                                p,
                                Op.CREATE,
                                c.key(),
                                Wording.createDetail(ctx.trackerConfig(), ((Decision.Create) p.decision()).request()));
                        c.warnings().forEach(w -> report.warning(p, c.key() + ": " + w));
                        ctx.observer().ticketCreated(p.item().type());
                    }
                }
                case CreateResult.Failed f -> {
                    String reason = switch (f.kind()) {
                        case TRANSIENT, RATE_LIMITED -> "not created in this pass, retried in the next: " + f.message();
                        case PERMISSION -> "the tracker refused the ticket (permission): " + f.message();
                        case NOT_FOUND, CLIENT_ERROR -> "the tracker refused the ticket: " + f.message();
                    };
                    report.action(p, Op.SKIP, null, reason);
                    report.failure(p, reason);
                    if (f.kind() == TrackerException.Kind.TRANSIENT || f.kind() == TrackerException.Kind.RATE_LIMITED) {
                        ctx.retries().succeeded(subject); // trouble of the tracker, not of this item: no back-off
                    } else {
                        ctx.retries().failed(subject, f.message());
                    }
                }
            }
        }
    }

    // ---- linking --------------------------------------------------------------------------

    private record LinkJob(ItemPlan plan, String ticketKey, LinkNeed need) {}

    private List<LinkJob> linkJobs(List<ItemPlan> plans, boolean dryRun) {
        List<LinkJob> jobs = new ArrayList<>();
        for (ItemPlan p : plans) {
            if (p.links().isEmpty()) {
                continue;
            }
            String key = switch (p.decision()) {
                case Decision.Create c -> dryRun ? null : created.get(p);
                case Decision.Adopt a -> a.ticket().key();
                case Decision.Update u -> u.ticket().key();
                case Decision.InSync s -> s.ticketKey();
                case Decision.Skip s -> null;
                case Decision.Fail f -> null;
            };
            if (key == null && !(dryRun && p.decision() instanceof Decision.Create)) {
                continue;
            }
            p.links().forEach(need -> jobs.add(new LinkJob(p, key, need)));
        }
        return jobs;
    }

    private void describeLinks(List<ItemPlan> plans) {
        for (LinkJob job : linkJobs(plans, true)) {
            report.action(job.plan(), Op.LINK, job.ticketKey(), Wording.linkDetail(ctx.trackerConfig(), job.need()));
        }
    }

    private void recordLinks(LinksDone done) {
        for (int i = 0; i < done.jobs().size(); i++) {
            LinkJob job = done.jobs().get(i);
            String subject = RetryBook.link(job.plan().item().syncKey(), job.need());
            switch (done.outcomes().get(i)) {
                case Fanout.Outcome.Done<Boolean> ok -> {
                    report.action(
                            job.plan(), Op.LINK, job.ticketKey(), Wording.linkDetail(ctx.trackerConfig(), job.need()));
                    ctx.retries().succeeded(subject);
                    switch (job.need()) {
                        case LinkNeed.Document d -> ctx.memory().removePendingDocumentLink(job.ticketKey());
                        case LinkNeed.Incident incident -> ctx.memory().linked(job.ticketKey(), incident.incidentKey());
                    }
                }
                case Fanout.Outcome.Failed<Boolean> failed
                when failed.error().isRetryable() -> {
                    trackerFailed(failed.error());
                    linkPostponed(job);
                }
                case Fanout.Outcome.Failed<Boolean> failed -> {
                    String reason = "could not add the " + Wording.linkDetail(ctx.trackerConfig(), job.need()) + " to "
                            + job.ticketKey() + ": " + failed.error().getMessage();
                    report.action(job.plan(), Op.SKIP, job.ticketKey(), reason);
                    report.failure(job.plan(), reason);
                    ctx.retries().failed(subject, failed.error().getMessage());
                    rememberPendingDocumentLink(job);
                }
                case Fanout.Outcome.NotRun<Boolean> notRun -> linkPostponed(job);
            }
        }
    }

    private void linkPostponed(LinkJob job) {
        report.action(job.plan(), Op.SKIP, job.ticketKey(), "link postponed to the next pass: " + haltReason());
        rememberPendingDocumentLink(job);
    }

    /** A web link is not visible when the ticket is read, so a missed one must be remembered. */
    private void rememberPendingDocumentLink(LinkJob job) {
        if (job.need() instanceof LinkNeed.Document doc) {
            ctx.memory().addPendingDocumentLink(job.ticketKey(), doc);
        }
    }

    private void publish() {
        DocumentSource.PublishResult published;
        try {
            published = ctx.source().publish();
        } catch (SourceException | RuntimeException e) {
            sourceFailed = true;
            report.problem(PassReport.Problem.error(
                    null, 0, "publishing the documents failed (" + ctx.source().describe() + "): " + e.getMessage()));
            return;
        }
        if (published != null) {
            writeBacks.published(published);
        }
    }

    // ---- the documents as the pass leaves them ----------------------------------------------

    /**
     * The documents with every item's ticket key and status as the tracker has them (where known),
     * for metrics: once a ticket exists its status is the truth, written back or not.
     */
    List<ParsedDocument> effectiveDocuments(List<ParsedDocument> documents, List<ItemPlan> plans) {
        Map<String, List<ItemChange>> byFile = new LinkedHashMap<>();
        for (ItemPlan p : plans) {
            String key = switch (p.decision()) {
                case Decision.Create c -> created.get(p);
                case Decision.Adopt a -> a.ticket().key();
                case Decision.Update u -> u.ticket().key();
                case Decision.InSync s -> s.ticketKey();
                default -> null;
            };
            if (key == null || ctx.tracker() == null) {
                continue;
            }
            ItemStatus status = ctx.memory()
                    .byKey(key)
                    .map(Ticket::status)
                    .map(ctx.statusMapping()::toItemStatus)
                    .orElse(null);
            if (key.equals(p.item().ticket())
                    && (status == null || status == p.item().status())) {
                continue;
            }
            byFile.computeIfAbsent(p.file(), f -> new ArrayList<>())
                    .add(new ItemChange(p.item().syncKey(), key, ctx.tracker().browseUrl(key), status));
        }
        if (byFile.isEmpty()) {
            return documents;
        }
        List<ParsedDocument> effective = new ArrayList<>(documents.size());
        for (ParsedDocument d : documents) {
            List<ItemChange> changes = byFile.get(d.file());
            effective.add(changes == null ? d : DocumentCatalog.withChanges(d, changes));
        }
        return effective;
    }

    // ---- wording ----------------------------------------------------------------------------

    private void trackerFailed(TrackerException e) {
        if (trackerFailure == null) {
            trackerFailure = e;
            report.problem(PassReport.Problem.error(null, 0, "the tracker failed: " + e.getMessage()));
        }
    }

    private String haltReason() {
        if (trackerFailure != null) {
            return "the tracker failed (" + trackerFailure.getMessage() + ")";
        }
        return "the daemon is stopping";
    }
}
