package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ParsedDocument;
import java.util.List;

/**
 * A read document with what write-back needs: the decoded text and where each item is.
 *
 * @param parsed what the parser's callers see
 * @param text the decoded text; null when the document cannot be written back (not UTF-8 text,
 *     or its items were skipped)
 * @param source the text with its line index; null exactly when {@code text} is
 * @param items the valid items with their places, in document order
 */
record DocumentModel(ParsedDocument parsed, Decoded.Text text, SourceText source, List<LocatedItem> items) {

    DocumentModel {
        items = List.copyOf(items);
    }

    boolean writable() {
        return text != null;
    }
}
