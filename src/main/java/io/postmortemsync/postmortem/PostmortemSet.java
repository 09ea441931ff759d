package io.postmortemsync.postmortem;

import java.util.List;

/** Checks that span documents: an incident id used by two documents. */
public final class PostmortemSet {

    private PostmortemSet() {}

    /**
     * Returns the documents with cross-document problems applied: when two documents share an
     * incident id, the later path (in sorted order) gets an error and its items are dropped.
     *
     * @param documents parsed documents, in any order
     * @return the same documents sorted by path, some with an added diagnostic and no items
     */
    public static List<ParsedDocument> checkAcrossDocuments(List<ParsedDocument> documents) {
        throw new UnsupportedOperationException("not implemented yet: the documents work (issue 2) implements this");
    }
}
