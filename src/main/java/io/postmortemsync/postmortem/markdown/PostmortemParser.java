package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ParsedDocument;
import java.util.Objects;

/**
 * Reads a postmortem document (DESIGN.md §3) with commonmark-java and GFM tables. Never throws
 * on bad input: every problem becomes a diagnostic with the file and line. Thread-safe.
 */
public final class PostmortemParser {

    private final DocumentReader reader;

    public PostmortemParser(ParseOptions options) {
        this.reader = new DocumentReader(Objects.requireNonNull(options, "options"));
    }

    /**
     * @param file the document's path as shown to users; its file name is the incident id of
     *     last resort
     * @param content the raw bytes (any encoding problem becomes a diagnostic)
     */
    public ParsedDocument parse(String file, byte[] content) {
        return reader.read(file, content).parsed();
    }
}
