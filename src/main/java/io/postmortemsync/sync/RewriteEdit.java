package io.postmortemsync.sync;

import io.postmortemsync.postmortem.markdown.ItemChange;
import io.postmortemsync.postmortem.markdown.RewriteResult;
import io.postmortemsync.source.DocumentSource;
import java.util.List;

/**
 * The write-back of one document as a pure edit: the same changes, found by sync key, applied to
 * whatever the document holds when the source writes it, so a person's edit made meanwhile
 * survives. Remembers its last application for the report and the catalog.
 */
final class RewriteEdit implements DocumentSource.DocumentEdit {

    private final DocumentFormat format;
    private final String file;
    private final List<ItemChange> changes;
    private final DocumentFormat.Read earlier;
    private volatile byte[] lastInput;
    private volatile RewriteResult lastResult;

    /** @param earlier this pass's read of the document, which the rewrite starts from if the bytes are unchanged; may be null */
    RewriteEdit(DocumentFormat format, String file, List<ItemChange> changes, DocumentFormat.Read earlier) {
        this.format = format;
        this.file = file;
        this.changes = List.copyOf(changes);
        this.earlier = earlier;
    }

    @Override
    public byte[] apply(byte[] current) {
        RewriteResult result = earlier == null
                ? format.rewrite(file, current, changes)
                : format.rewrite(earlier, file, current, changes);
        lastInput = current;
        lastResult = result;
        return result.content();
    }

    /** The content the last application started from, or null when the source never applied it. */
    byte[] lastInput() {
        return lastInput;
    }

    /** The last application's result, or null when the source never applied it. */
    RewriteResult lastResult() {
        return lastResult;
    }
}
