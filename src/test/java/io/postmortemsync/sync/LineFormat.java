package io.postmortemsync.sync;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.postmortem.markdown.ItemChange;
import io.postmortemsync.postmortem.markdown.RewriteResult;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A deliberately tiny document format for the engine's unit tests, so they do not depend on the
 * Markdown parser. One fact per line:
 *
 * <pre>
 * incident: INC-1
 * ticket: OPS-42                                   (the incident's ticket, optional)
 * - Add a pool size alarm | detect | Not Started | OPS-7
 * </pre>
 *
 * The last field of an item is its ticket key (may be empty). Rewriting replaces only the fields
 * it must, on the item's own line; every other byte stays.
 */
final class LineFormat implements DocumentFormat {

    @Override
    public ParsedDocument parse(String file, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        String incident = file.replaceAll("\\.[a-z]+$", "");
        String incidentTicket = null;
        for (String line : lines) {
            if (line.startsWith("incident: ")) {
                incident = line.substring(10).strip();
            } else if (line.startsWith("ticket: ")) {
                incidentTicket = line.substring(8).strip();
            }
        }
        List<ActionItem> items = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<SyncKey> seen = new HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            Optional<Row> row = Row.of(lines[i]);
            if (row.isEmpty()) {
                continue;
            }
            Row r = row.get();
            Optional<ItemStatus> status = ItemStatus.fromText(r.status());
            Optional<ItemType> type = ItemType.fromText(r.type());
            if (status.isEmpty() || type.isEmpty()) {
                diagnostics.add(Diagnostic.error(file, i + 1, "bad row: " + lines[i]));
                continue;
            }
            SyncKey key = SyncKey.of(incident, r.action());
            if (!seen.add(key)) {
                diagnostics.add(Diagnostic.error(file, i + 1, "duplicate action"));
                continue;
            }
            items.add(new ActionItem(
                    i + 1,
                    r.action(),
                    type.get(),
                    "@owner",
                    LocalDate.of(2025, 4, 15),
                    status.get(),
                    r.ticket().isEmpty() ? null : r.ticket(),
                    key));
        }
        Postmortem pm = new Postmortem(
                file, incident, "Title of " + incident, null, null, List.of("svc"), null, incidentTicket, items);
        return new ParsedDocument(pm, diagnostics);
    }

    @Override
    public RewriteResult rewrite(String file, byte[] content, List<ItemChange> changes) {
        ParsedDocument doc = parse(file, content);
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        List<ItemChange> applied = new ArrayList<>();
        List<ItemChange> unchanged = new ArrayList<>();
        List<ItemChange> notFound = new ArrayList<>();
        for (ItemChange change : changes) {
            Optional<ActionItem> item = doc.postmortem().items().stream()
                    .filter(it -> it.syncKey().equals(change.item()))
                    .findFirst();
            if (item.isEmpty()) {
                notFound.add(change);
                continue;
            }
            int idx = item.get().line() - 1;
            Row r = Row.of(lines[idx]).orElseThrow();
            Row updated = new Row(
                    r.action(),
                    r.type(),
                    change.status() != null ? change.status().text() : r.status(),
                    change.ticketKey() != null ? change.ticketKey() : r.ticket());
            if (updated.equals(r)) {
                unchanged.add(change);
            } else {
                lines[idx] = updated.render();
                applied.add(change);
            }
        }
        byte[] out = applied.isEmpty() ? content : String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return new RewriteResult(out, applied, unchanged, notFound);
    }

    @Override
    public List<ParsedDocument> checkAcrossDocuments(List<ParsedDocument> documents) {
        List<ParsedDocument> sorted = new ArrayList<>(documents);
        sorted.sort(Comparator.comparing(ParsedDocument::file));
        Set<String> incidents = new HashSet<>();
        List<ParsedDocument> checked = new ArrayList<>();
        for (ParsedDocument d : sorted) {
            if (incidents.add(d.postmortem().incidentId())) {
                checked.add(d);
            } else {
                List<Diagnostic> diagnostics = new ArrayList<>(d.diagnostics());
                diagnostics.add(Diagnostic.error(d.file(), 1, "incident id used by another document"));
                checked.add(new ParsedDocument(d.postmortem().withItems(List.of()), diagnostics));
            }
        }
        return checked;
    }

    /** An item line. */
    record Row(String action, String type, String status, String ticket) {
        static Optional<Row> of(String line) {
            if (!line.startsWith("- ")) {
                return Optional.empty();
            }
            String[] f = line.substring(2).split("\\|", -1);
            if (f.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new Row(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip()));
        }

        String render() {
            return "- " + action + " | " + type + " | " + status + " | " + ticket;
        }
    }

    /** A document with the given item lines. */
    static String document(String incident, String incidentTicket, String... rows) {
        StringBuilder sb = new StringBuilder("incident: ").append(incident).append('\n');
        if (incidentTicket != null) {
            sb.append("ticket: ").append(incidentTicket).append('\n');
        }
        sb.append("some prose that must survive  \n");
        for (String row : rows) {
            sb.append(row).append('\n');
        }
        return sb.toString();
    }
}
