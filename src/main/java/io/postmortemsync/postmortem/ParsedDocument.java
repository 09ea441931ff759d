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

    /**
     * A document whose text could not be read (I/O error, binary, not UTF-8): no items, the reasons
     * as diagnostics, and the file name as its incident id, as for any document that names none.
     */
    public static ParsedDocument unreadable(String file, List<Diagnostic> diagnostics) {
        Postmortem unknown = new Postmortem(
                file, Postmortem.idFromFileName(file), null, null, null, List.of(), null, null, List.of());
        return new ParsedDocument(unknown, diagnostics);
    }

    /** Valid means no error diagnostic (warnings allowed); metrics count documents by this. */
    public boolean isValid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public String file() {
        return postmortem.file();
    }
}
