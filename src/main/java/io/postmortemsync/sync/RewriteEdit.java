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
    private volatile byte[] lastInput;
    private volatile RewriteResult lastResult;

    RewriteEdit(DocumentFormat format, String file, List<ItemChange> changes) {
        this.format = format;
        this.file = file;
        this.changes = List.copyOf(changes);
    }

    @Override
    public byte[] apply(byte[] current) {
        RewriteResult result = format.rewrite(file, current, changes);
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
