package io.postmortemsync.postmortem.markdown;

import java.util.List;
import java.util.Objects;

/**
 * Writes ticket keys and statuses into a document (DESIGN.md §3.4), changing only the bytes it
 * must. Pure: bytes in, bytes out; the atomic file replacement is the source's job.
 */
public final class DocumentRewriter {

    private final ParseOptions options;

    public DocumentRewriter(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Applies the changes to the items they name (by sync key); see {@link RewriteResult}. */
    public RewriteResult rewrite(String file, byte[] content, List<ItemChange> changes) {
        throw new UnsupportedOperationException("not implemented yet: the documents work (issue 2) implements this");
    }
}
