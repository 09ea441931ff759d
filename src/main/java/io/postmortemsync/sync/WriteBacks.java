package io.postmortemsync.sync;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.markdown.ItemChange;
import io.postmortemsync.postmortem.markdown.RewriteResult;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.DocumentSource.UpdateResult;
import io.postmortemsync.sync.ItemPlan.Decision;
import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.tracker.StatusMapping;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.Tracker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The write-back side of a pass: which cells of a document change (a new or moved key, the
 * ticket's status), the edit through the source, and what is recorded afterwards. {@link #perform}
 * may run on a writer thread; everything else runs on the pass thread.
 */
final class WriteBacks {

    /** One document written, or not ({@code failure} says why). */
    record Written(String path, List<Change> changes, RewriteEdit edit, UpdateResult result, String failure) {}

    private final boolean enabled;
    private final DocumentFormat format;
    private final DocumentSource source;
    private final DocumentCatalog catalog;
    private final Tracker tracker;
    private final TicketMemory memory;
    private final StatusMapping statusMapping;
    private final RetryBook retries;
    private final ReportBuilder report;
    private final BooleanSupplier stopping;
    /** Keys of the tickets this pass created, by item; filled by the pass as creates come back. */
    private final Map<ItemPlan, String> created;
    /** The writes reported as done, until the source has published them. */
    private final List<Reported> reported = new ArrayList<>();

    /** A write the report calls done: the changes it reported, and the application they came from. */
    private record Reported(String path, List<Change> written, RewriteEdit edit, RewriteResult result) {}

    WriteBacks(PassRun.Context ctx, ReportBuilder report, Map<ItemPlan, String> created) {
        this.enabled = ctx.writeBack();
        this.format = ctx.format();
        this.source = ctx.source();
        this.catalog = ctx.catalog();
        this.tracker = ctx.tracker();
        this.memory = ctx.memory();
        this.statusMapping = ctx.statusMapping();
        this.retries = ctx.retries();
        this.report = report;
        this.stopping = ctx.stopping();
        this.created = created;
    }

    /** One item's change: what the rewriter applies, and the lines the record shows. */
    record Change(ItemPlan plan, ItemChange change, String ticket, List<String> description, boolean carriesNewKey) {}

    Optional<Change> changeFor(ItemPlan p, boolean dryRun) {
        ActionItem item = p.item();
        return switch (p.decision()) {
            case Decision.Create c -> {
                if (dryRun) {
                    yield Optional.of(new Change(p, null, null, List.of("key of the new ticket"), true));
                }
                String key = created.get(p);
                if (key == null) {
                    yield Optional.empty();
                }
                ItemStatus status = memory.byKey(key)
                        .map(Ticket::status)
                        .map(statusMapping::toItemStatus)
                        .filter(s -> s != item.status())
                        .orElse(null);
                yield Optional.of(keyAndStatus(p, key, null, item.status(), status));
            }
            case Decision.Adopt a -> Optional.of(keyAndStatus(p, a.ticket().key(), null, item.status(), a.status()));
            case Decision.Update u ->
                Optional.of(
                        u.newKey() != null
                                ? keyAndStatus(p, u.newKey(), item.ticket(), item.status(), u.statusTo())
                                : statusOnly(p, u.ticket().key(), item.status(), u.statusTo(), u.handEdited()));
            default -> Optional.empty();
        };
    }

    private Change keyAndStatus(ItemPlan p, String key, String movedFrom, ItemStatus from, ItemStatus to) {
        List<String> lines = new ArrayList<>(2);
        lines.add(movedFrom == null ? key + ": ticket key added" : key + ": moved from " + movedFrom);
        if (to != null) {
            lines.add(key + ": " + from.text() + " -> " + to.text());
        }
        return new Change(
                p, new ItemChange(p.item().syncKey(), key, tracker.browseUrl(key), to), key, lines, movedFrom == null);
    }

    private static Change statusOnly(ItemPlan p, String key, ItemStatus from, ItemStatus to, boolean handEdited) {
        String line = key + ": " + from.text() + " -> " + to.text();
        List<String> detail = List.of(handEdited ? line + " (the status was edited by hand; the ticket's wins)" : line);
        return new Change(p, ItemChange.status(p.item().syncKey(), to), key, detail, false);
    }

    void describe(List<ItemPlan> plans) {
        if (!enabled) {
            return;
        }
        for (ItemPlan p : plans) {
            changeFor(p, true)
                    .ifPresent(c -> report.action(p, Op.WRITE_BACK, c.ticket(), String.join("; ", c.description())));
        }
    }

    /**
     * The changes to write into one document, unless there are none, the daemon is stopping (new
     * keys are still written) or the document waits for its back-off.
     */
    Optional<List<Change>> prepare(String path, List<ItemPlan> plans) {
        if (!enabled) {
            return Optional.empty();
        }
        List<Change> changes = new ArrayList<>();
        for (ItemPlan p : plans) {
            changeFor(p, false).ifPresent(changes::add);
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        // Stopping: new keys are still written (or their tickets would wait to be adopted); the rest waits.
        if (stopping.getAsBoolean() && changes.stream().noneMatch(Change::carriesNewKey)) {
            changes.forEach(
                    c -> report.action(c.plan(), Op.SKIP, c.ticket(), "not written back: the daemon is stopping"));
            return Optional.empty();
        }
        Optional<ItemPlan.Waiting> waiting = retries.waiting(RetryBook.write(path), "writing the document");
        if (waiting.isPresent()) {
            for (Change c : changes) {
                report.action(c.plan(), Op.SKIP, c.ticket(), waiting.get().describe());
                report.failure(c.plan(), waiting.get().describe());
            }
            return Optional.empty();
        }
        return Optional.of(changes);
    }

    /**
     * On a writer thread (or the pass thread): the edit through the source; nothing is recorded here.
     *
     * @param earlier this pass's read of the document, or null
     */
    Written perform(String path, List<Change> changes, DocumentFormat.Read earlier) {
        List<ItemChange> itemChanges = changes.stream().map(Change::change).toList();
        List<String> description =
                changes.stream().flatMap(c -> c.description().stream()).toList();
        RewriteEdit edit = new RewriteEdit(format, path, itemChanges, earlier);
        try {
            return new Written(path, changes, edit, source.update(path, edit, description), null);
        } catch (IOException | RuntimeException e) {
            return new Written(path, changes, edit, null, "could not write the document: " + e.getMessage());
        }
    }

    void record(Written done) {
        String subject = RetryBook.write(done.path());
        if (done.failure() != null) {
            writeFailed(subject, done.changes(), done.failure());
            return;
        }
        RewriteEdit edit = done.edit();
        switch (done.result()) {
            case UpdateResult.Written w -> {
                retries.succeeded(subject);
                RewriteResult r = edit.lastResult();
                catalog.recordWrite(
                        done.path(),
                        w.version(),
                        edit.lastInput(),
                        r == null ? null : r.content(),
                        r == null ? List.of() : r.applied());
                reportWritten(done.path(), done.changes(), edit, r);
            }
            case UpdateResult.Unchanged u -> {
                retries.succeeded(subject);
                reportWritten(done.path(), done.changes(), edit, edit.lastResult());
            }
            case UpdateResult.Rejected r ->
                writeFailed(subject, done.changes(), "could not write the document: " + r.reason());
        }
    }

    private void reportWritten(String path, List<Change> changes, RewriteEdit edit, RewriteResult result) {
        List<Change> written = new ArrayList<>();
        for (Change c : changes) {
            if (result == null || result.applied().contains(c.change())) {
                report.action(c.plan(), Op.WRITE_BACK, c.ticket(), String.join("; ", c.description()));
                written.add(c);
            } else if (result.notFound().contains(c.change())) {
                report.action(c.plan(), Op.SKIP, c.ticket(), CHANGED_MEANWHILE);
            }
            // else: the document already said so; nothing to report.
        }
        if (!written.isEmpty()) {
            reported.add(new Reported(path, written, edit, result));
        }
    }

    private static final String CHANGED_MEANWHILE =
            "not written back: the item changed in the document while the pass ran; the next pass retries";

    /**
     * Squares the report with what the source published. A git source applies the pass's edits
     * again when someone pushed first; an edit it could not apply again ({@code rejected}: the
     * document was deleted, say) is not in what was pushed, and an item that the person removed
     * or reworded meanwhile is no longer found by its edit. Such write-backs are not reported as
     * done: they become {@code skip} actions, and a rejected one also a warning with its file and
     * line (a ticket created for it is named, since the document no longer says it exists). The
     * next pass works from the document as it is then.
     */
    void published(DocumentSource.PublishResult result) {
        Map<String, List<Reported>> byPath = new HashMap<>();
        reported.forEach(
                r -> byPath.computeIfAbsent(r.path(), p -> new ArrayList<>()).add(r));
        Set<String> rejectedPaths = new HashSet<>();
        for (UpdateResult.Rejected rejected : result.rejected()) {
            List<Reported> writes = byPath.get(rejected.path());
            if (writes == null) {
                // An edit of an earlier pass (kept across a failed push), or one that followed a rename.
                report.problem(PassReport.Problem.warning(
                        rejected.path(), 0, "a write-back was not published: " + rejected.reason()));
                continue;
            }
            if (!rejectedPaths.add(rejected.path())) {
                continue; // several edits of one document: one warning per item says it
            }
            String reason = "written back but not published: " + rejected.reason();
            for (Reported write : writes) {
                for (Change c : write.written()) {
                    report.retractWriteBack(c.plan(), reason);
                    report.warning(c.plan(), reason);
                }
            }
        }
        // Identity on purpose: the same result object means the edit was not applied again since.
        for (Reported write : reported) {
            RewriteResult last = write.edit().lastResult();
            if (rejectedPaths.contains(write.path()) || last == null || isSameResult(last, write.result())) {
                continue; // not applied again: what was reported is what was published
            }
            for (Change c : write.written()) {
                if (last.notFound().contains(c.change())) {
                    report.retractWriteBack(c.plan(), CHANGED_MEANWHILE);
                }
            }
        }
        reported.clear();
    }

    private void writeFailed(String subject, List<Change> changes, String reason) {
        retries.failed(subject, reason);
        for (Change c : changes) {
            report.action(c.plan(), Op.SKIP, c.ticket(), reason);
            report.failure(c.plan(), reason);
        }
    }

    @SuppressWarnings("ReferenceEquality") // the very result reported, not an equal one
    private static boolean isSameResult(RewriteResult last, RewriteResult reported) {
        return last == reported;
    }
}
