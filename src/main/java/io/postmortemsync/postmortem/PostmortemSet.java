package io.postmortemsync.postmortem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks that span documents: an incident id used by two documents. */
public final class PostmortemSet {

    private PostmortemSet() {}

    /**
     * Returns the documents with cross-document problems applied: when two documents share an
     * incident id, the later path (in sorted order) gets an error, at the line naming the id, and its
     * items are dropped.
     *
     * @param documents parsed documents, in any order
     * @return the same documents sorted by path, some with an added diagnostic and no items
     */
    public static List<ParsedDocument> checkAcrossDocuments(List<ParsedDocument> documents) {
        List<ParsedDocument> sorted = new ArrayList<>(documents);
        sorted.sort(Comparator.comparing(ParsedDocument::file));
        Map<String, String> owners = new HashMap<>();
        List<ParsedDocument> checked = new ArrayList<>(sorted.size());
        for (ParsedDocument document : sorted) {
            String incidentId = document.postmortem().incidentId();
            int line = document.postmortem().incidentIdLine();
            String first = owners.putIfAbsent(incidentId, line > 0 ? document.file() + ":" + line : document.file());
            if (first == null) {
                checked.add(document);
                continue;
            }
            List<Diagnostic> diagnostics = new ArrayList<>(document.diagnostics());
            diagnostics.add(
                    Diagnostic.error(
                            document.file(),
                            line,
                            "Incident id \"" + incidentId + "\" is already used by " + first
                                    + " (give each postmortem its own id, e.g. \"incident:\" in front matter); this document's action items are skipped"));
            checked.add(new ParsedDocument(document.postmortem().withItems(List.of()), diagnostics));
        }
        return checked;
    }
}
