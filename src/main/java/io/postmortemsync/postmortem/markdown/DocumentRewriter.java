package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.markdown.EditPlanner.Expectation;
import io.postmortemsync.postmortem.markdown.EditPlanner.Need;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ticket keys and statuses into a document (DESIGN.md §3.4), changing only the bytes it
 * must. Pure: bytes in, bytes out; the atomic file replacement is the source's job.
 *
 * <p>Every result is checked by reading it again: the changed items must show exactly their new
 * ticket and status, and every item must keep its action, owner, type, due date and sync key. A
 * change whose edit would not read back that way (an exotic line the planner did not foresee) is
 * not written; it is reported in {@link RewriteResult#notFound()} with a warning in the log, so a
 * document is never damaged. Thread-safe.
 */
public final class DocumentRewriter {

    private static final Logger log = LoggerFactory.getLogger(DocumentRewriter.class);

    private final DocumentReader reader;

    public DocumentRewriter(ParseOptions options) {
        this.reader = new DocumentReader(Objects.requireNonNull(options, "options"));
    }

    /**
     * A document read for a write-back that may follow: {@link #rewrite(Read, byte[], List)} starts
     * from it instead of reading the document again, as long as the document still holds exactly
     * the same bytes. The result of a rewrite is still read back in full to check it.
     */
    public static final class Read {

        private final String file;
        private final byte[] content;
        private final DocumentModel model;

        private Read(String file, byte[] content, DocumentModel model) {
            this.file = file;
            this.content = content;
            this.model = model;
        }

        /** What {@link PostmortemParser#parse} gives for the same file and bytes. */
        public ParsedDocument parsed() {
            return model.parsed();
        }

        public String file() {
            return file;
        }
    }

    /** Reads a document as {@link PostmortemParser#parse} does, keeping what a rewrite of the same bytes can reuse. */
    public Read read(String file, byte[] content) {
        Objects.requireNonNull(file, "file");
        byte[] copy = content.clone(); // kept to recognise the same bytes later: nobody may change them meanwhile
        return new Read(file, copy, reader.read(file, copy));
    }

    /**
     * {@link #rewrite(String, byte[], List)} for a document read earlier: when {@code content} is
     * the bytes that read saw, that read is the starting point (one parse less); otherwise (somebody
     * edited the document since) the content is read afresh.
     */
    public RewriteResult rewrite(Read earlier, byte[] content, List<ItemChange> changes) {
        Objects.requireNonNull(earlier, "earlier");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(changes, "changes");
        DocumentModel model =
                Arrays.equals(earlier.content, content) ? earlier.model : reader.read(earlier.file, content);
        return rewrite(earlier.file, content, changes, model);
    }

    /** Applies the changes to the items they name (by sync key); see {@link RewriteResult}. */
    public RewriteResult rewrite(String file, byte[] content, List<ItemChange> changes) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(changes, "changes");
        return rewrite(file, content, changes, reader.read(file, content));
    }

    private RewriteResult rewrite(String file, byte[] content, List<ItemChange> changes, DocumentModel model) {
        if (!model.writable()) {
            if (!changes.isEmpty()) {
                log.warn(
                        "{}: not written back: the document has errors that make its items unreadable ({})",
                        file,
                        model.parsed().diagnostics().isEmpty()
                                ? "unknown"
                                : model.parsed().diagnostics().getFirst().message());
            }
            return new RewriteResult(content, List.of(), List.of(), changes);
        }

        // All changes at once, the common case.
        EditPlanner planner = new EditPlanner(model, true);
        List<ItemChange> applied = new ArrayList<>();
        List<ItemChange> unchanged = new ArrayList<>();
        List<ItemChange> notFound = new ArrayList<>();
        for (ItemChange change : changes) {
            switch (planner.plan(change)) {
                case EDITS -> applied.add(change);
                case NOTHING -> unchanged.add(change);
                case NOT_FOUND -> notFound.add(change);
            }
        }
        if (applied.isEmpty()) {
            return new RewriteResult(content, applied, unchanged, notFound);
        }
        byte[] rewritten = tryApply(file, model, planner);
        if (rewritten != null) {
            return new RewriteResult(rewritten, applied, unchanged, notFound);
        }

        // Something did not read back as planned: one change at a time, so only the culprit is left out.
        byte[] current = content;
        List<ItemChange> appliedOneByOne = new ArrayList<>();
        for (ItemChange change : applied) {
            byte[] next = applyOne(file, current, change, true);
            if (next == null) {
                next = applyOne(file, current, change, false);
            }
            if (next == null) {
                log.warn(
                        "{}: could not write {} back safely (item {}); the document is left as it is for this item",
                        file,
                        describe(change),
                        change.item());
                notFound.add(change);
            } else {
                current = next;
                appliedOneByOne.add(change);
            }
        }
        return new RewriteResult(current, appliedOneByOne, unchanged, notFound);
    }

    private byte[] applyOne(String file, byte[] content, ItemChange change, boolean ticketOnFirstLine) {
        DocumentModel model = reader.read(file, content);
        if (!model.writable()) {
            return null;
        }
        EditPlanner planner = new EditPlanner(model, ticketOnFirstLine);
        if (planner.plan(change) != Need.EDITS) {
            return null;
        }
        return tryApply(file, model, planner);
    }

    /** The planned edits applied, or null when the result does not read back exactly as planned. */
    private byte[] tryApply(String file, DocumentModel before, EditPlanner planner) {
        String text;
        try {
            text = planner.apply();
        } catch (IllegalStateException e) {
            log.debug("{}: edits overlap", file, e);
            return null;
        }
        byte[] bytes = before.text().encode(text);
        DocumentModel after = reader.read(file, bytes);
        return readsBackAsPlanned(before, after, planner.expectations()) ? bytes : null;
    }

    private static boolean readsBackAsPlanned(
            DocumentModel before, DocumentModel after, List<Expectation> expectations) {
        List<ActionItem> old = before.parsed().postmortem().items();
        List<ActionItem> now = after.parsed().postmortem().items();
        if (old.size() != now.size() || errors(after) > errors(before)) {
            return false;
        }
        for (int i = 0; i < old.size(); i++) {
            ActionItem was = old.get(i);
            ActionItem is = now.get(i);
            String ticket = was.ticket();
            Object status = was.status();
            for (Expectation expectation : expectations) {
                if (expectation.item().equals(was)) {
                    ticket = expectation.ticket();
                    status = expectation.status();
                }
            }
            boolean same = is.syncKey().equals(was.syncKey())
                    && is.line() == was.line()
                    && is.action().equals(was.action())
                    && is.type() == was.type()
                    && Objects.equals(is.owner(), was.owner())
                    && Objects.equals(is.dueDate(), was.dueDate())
                    && Objects.equals(is.ticket(), ticket)
                    && is.status() == status;
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static long errors(DocumentModel model) {
        return model.parsed().diagnostics().stream().filter(d -> d.isError()).count();
    }

    private static String describe(ItemChange change) {
        List<String> parts = new ArrayList<>();
        if (change.ticketKey() != null) {
            parts.add("ticket " + change.ticketKey());
        }
        if (change.status() != null) {
            parts.add("status " + change.status().text());
        }
        return String.join(" and ", parts);
    }
}
