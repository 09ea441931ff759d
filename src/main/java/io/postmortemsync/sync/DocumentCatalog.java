package io.postmortemsync.sync;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.postmortem.markdown.ItemChange;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.DocumentSource.DocumentRef;
import io.postmortemsync.source.SourceException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents as of the last pass, parsed once per version: a pass reads and parses only the
 * documents whose version changed, so a steady pass over a thousand documents costs a listing.
 * After the engine writes a document back it records the new version with the parse patched in
 * place (write-back changes cells, never lines), so its own writes do not count as changes.
 */
final class DocumentCatalog {

    @SuppressWarnings("ArrayRecordComponent") // a digest held and compared with Arrays.equals, never by record equality
    private record Entry(String version, byte[] digest, ParsedDocument parsed) {}

    /**
     * The documents of one pass.
     *
     * @param documents every readable document, cross-document checks applied, sorted by path
     * @param changed paths read and parsed in this pass (new or changed since the last pass)
     * @param previous the parse of the previous pass, for changed documents that had one
     * @param problems diagnostics worth reporting in this pass (documents that changed, or whose
     *     cross-document errors changed) and documents that could not be read
     * @param reads the format's reads of the documents parsed in this pass, which their write-back
     *     in this pass starts from (not kept beyond the pass: they hold the documents' text)
     */
    record Snapshot(
            List<ParsedDocument> documents,
            Set<String> changed,
            Map<String, ParsedDocument> previous,
            List<PassReport.Problem> problems,
            Map<String, DocumentFormat.Read> reads) {

        Snapshot(
                List<ParsedDocument> documents,
                Set<String> changed,
                Map<String, ParsedDocument> previous,
                List<PassReport.Problem> problems) {
            this(documents, changed, previous, problems, Map.of());
        }

        int items() {
            int n = 0;
            for (ParsedDocument d : documents) {
                n += d.postmortem().items().size();
            }
            return n;
        }
    }

    private final DocumentFormat format;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, List<Diagnostic>> reported = new HashMap<>();

    DocumentCatalog(DocumentFormat format) {
        this.format = format;
    }

    /** @param listed run once the source has listed its documents, before they are read and parsed */
    Snapshot read(DocumentSource source, Runnable listed) throws SourceException {
        List<DocumentRef> refs = source.refresh();
        listed.run();
        Set<String> present = new HashSet<>();
        List<DocumentRef> toParse = new ArrayList<>();
        for (DocumentRef ref : refs) {
            present.add(ref.path());
            Entry e = entries.get(ref.path());
            if (e == null || !e.version().equals(ref.version())) {
                toParse.add(ref);
            }
        }
        entries.keySet().retainAll(present);
        reported.keySet().retainAll(present);

        Map<String, ParsedDocument> previous = new HashMap<>();
        for (DocumentRef ref : toParse) {
            Entry e = entries.get(ref.path());
            if (e != null) {
                previous.put(ref.path(), e.parsed());
            }
        }

        // Reading stays on this thread (sources need not be thread-safe); parsing is CPU work and
        // spreads over the cores.
        @SuppressWarnings("ArrayRecordComponent") // bytes handed from the reader to the parser, never compared
        record Raw(DocumentRef ref, byte[] content) {}
        List<Raw> raw = new ArrayList<>(toParse.size());
        // Documents that could not be read or parsed: kept out of the cache (tried again next pass)
        // but counted, as invalid, so metrics and alerts see them.
        Map<String, ParsedDocument> failed = new ConcurrentHashMap<>();
        for (DocumentRef ref : toParse) {
            try {
                raw.add(new Raw(ref, source.read(ref.path())));
            } catch (IOException e) {
                failed.put(ref.path(), unreadable(ref.path(), "cannot be read: " + e.getMessage()));
            }
        }
        Map<String, Entry> parsed = new ConcurrentHashMap<>();
        Map<String, DocumentFormat.Read> reads = new ConcurrentHashMap<>();
        raw.parallelStream().forEach(r -> {
            try {
                DocumentFormat.Read read = format.read(r.ref().path(), r.content());
                parsed.put(r.ref().path(), new Entry(r.ref().version(), digest(r.content()), read.parsed()));
                reads.put(r.ref().path(), read);
            } catch (RuntimeException e) {
                // The parser turns bad input into diagnostics; this is a bug, and it must not stop the pass.
                failed.put(r.ref().path(), unreadable(r.ref().path(), "could not be parsed (" + e + ")"));
            }
        });
        for (DocumentRef ref : toParse) {
            Entry e = parsed.get(ref.path());
            if (e == null) {
                entries.remove(ref.path());
            } else {
                entries.put(ref.path(), e);
            }
        }

        List<ParsedDocument> all = new ArrayList<>(entries.size());
        for (DocumentRef ref : refs) {
            Entry e = entries.get(ref.path());
            if (e != null) {
                all.add(e.parsed());
            } else if (failed.containsKey(ref.path())) {
                all.add(failed.get(ref.path()));
            }
        }
        List<ParsedDocument> checked = format.checkAcrossDocuments(all);

        List<PassReport.Problem> problems = new ArrayList<>();
        for (ParsedDocument doc : checked) {
            List<Diagnostic> diagnostics = doc.diagnostics();
            List<Diagnostic> before = reported.put(doc.file(), diagnostics);
            if (parsed.containsKey(doc.file()) || !diagnostics.equals(before)) {
                diagnostics.forEach(d -> problems.add(PassReport.Problem.of(d)));
            }
        }
        problems.sort(PROBLEM_ORDER);
        return new Snapshot(checked, Set.copyOf(parsed.keySet()), previous, problems, reads);
    }

    private static ParsedDocument unreadable(String path, String message) {
        return ParsedDocument.unreadable(path, List.of(Diagnostic.error(path, 0, message)));
    }

    /**
     * Records a write-back: when the edit was applied to the content this catalog parsed, the new
     * version gets the same parse with the applied changes; otherwise somebody changed the
     * document meanwhile and it is parsed again next pass.
     */
    void recordWrite(
            String path, String newVersion, byte[] editedFrom, byte[] writtenContent, List<ItemChange> applied) {
        Entry e = entries.get(path);
        if (e != null && editedFrom != null && Arrays.equals(e.digest(), digest(editedFrom))) {
            entries.put(path, new Entry(newVersion, digest(writtenContent), withChanges(e.parsed(), applied)));
        } else {
            entries.remove(path);
        }
    }

    /** The document with the changes' tickets and statuses in its items (lines do not move). */
    static ParsedDocument withChanges(ParsedDocument doc, List<ItemChange> changes) {
        if (changes.isEmpty()) {
            return doc;
        }
        Map<SyncKey, ItemChange> byItem = new HashMap<>();
        for (ItemChange c : changes) {
            byItem.merge(
                    c.item(),
                    c,
                    (a, b) -> new ItemChange(
                            a.item(),
                            b.ticketKey() != null ? b.ticketKey() : a.ticketKey(),
                            b.ticketKey() != null ? b.ticketUrl() : a.ticketUrl(),
                            b.status() != null ? b.status() : a.status()));
        }
        List<ActionItem> items = new ArrayList<>(doc.postmortem().items().size());
        for (ActionItem item : doc.postmortem().items()) {
            ItemChange c = byItem.get(item.syncKey());
            items.add(
                    c == null
                            ? item
                            : new ActionItem(
                                    item.line(),
                                    item.action(),
                                    item.type(),
                                    item.owner(),
                                    item.dueDate(),
                                    c.status() != null ? c.status() : item.status(),
                                    c.ticketKey() != null ? c.ticketKey() : item.ticket(),
                                    item.syncKey()));
        }
        return new ParsedDocument(doc.postmortem().withItems(items), doc.diagnostics());
    }

    static final java.util.Comparator<PassReport.Problem> PROBLEM_ORDER = java.util.Comparator.comparing(
                    (PassReport.Problem p) -> p.file() == null ? "" : p.file())
            .thenComparingInt(PassReport.Problem::line);

    static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
