package io.postmortemsync.postmortem.markdown;

import java.util.List;

/**
 * The outcome of applying changes to a document.
 *
 * @param content the new bytes (identical to the input when nothing changed)
 * @param applied the changes that changed something
 * @param unchanged the changes that were already true of the document
 * @param notFound the changes whose item (sync key) is not in the document
 */
@SuppressWarnings("ArrayRecordComponent") // the new document, handed to the writer; results are never compared
public record RewriteResult(
        byte[] content, List<ItemChange> applied, List<ItemChange> unchanged, List<ItemChange> notFound) {

    public RewriteResult {
        applied = List.copyOf(applied);
        unchanged = List.copyOf(unchanged);
        notFound = List.copyOf(notFound);
    }

    public boolean changed() {
        return !applied.isEmpty();
    }
}
