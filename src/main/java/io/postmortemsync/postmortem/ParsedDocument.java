package io.postmortemsync.postmortem;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading one document: the postmortem with its valid items, and every
 * diagnostic found. A document with error diagnostics still yields the items that were valid.
 */
public record ParsedDocument(Postmortem postmortem, List<Diagnostic> diagnostics) {

    public ParsedDocument {
        Objects.requireNonNull(postmortem, "postmortem");
        diagnostics = List.copyOf(diagnostics);
    }

    /** Valid means no error diagnostic (warnings allowed); metrics count documents by this. */
    public boolean isValid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public String file() {
        return postmortem.file();
    }
}
