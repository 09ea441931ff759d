package io.postmortemsync.source.git;

import io.postmortemsync.source.DocumentSource.DocumentEdit;
import java.util.List;
import java.util.Objects;

/**
 * A write-back applied to the working tree and not yet pushed, kept so that it can be applied
 * again to newer content when a push is rejected (the edit is a pure function of the bytes).
 *
 * @param path the document, relative to {@code source.path}
 * @param edit the edit itself
 * @param description the lines for the commit message
 * @param changed whether its latest application changed the document (only those are listed)
 */
record PendingEdit(String path, DocumentEdit edit, List<String> description, boolean changed) {

    PendingEdit {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(edit, "edit");
        description = description == null ? List.of() : List.copyOf(description);
    }

    PendingEdit appliedTo(String newPath, boolean nowChanged) {
        return new PendingEdit(newPath, edit, description, nowChanged);
    }

    /** The description as one line, for logs and rejection reasons. */
    String summary() {
        return description.isEmpty() ? "a write-back" : String.join("; ", description);
    }
}
