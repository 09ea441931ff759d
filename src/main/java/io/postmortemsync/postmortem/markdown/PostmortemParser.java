package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ParsedDocument;
import java.util.Objects;

/**
 * Reads a postmortem document (DESIGN.md §3) with commonmark-java and GFM tables. Never throws
 * on bad input: every problem becomes a diagnostic with the file and line.
 */
public final class PostmortemParser {

    private final ParseOptions options;

    public PostmortemParser(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @param file the document's path as shown to users; its file name is the incident id of
     *     last resort
     * @param content the raw bytes (any encoding problem becomes a diagnostic)
     */
    public ParsedDocument parse(String file, byte[] content) {
        throw new UnsupportedOperationException("not implemented yet: the documents work (issue 2) implements this");
    }
}
