package io.postmortemsync.sync;

import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.PostmortemSet;
import io.postmortemsync.postmortem.markdown.DocumentRewriter;
import io.postmortemsync.postmortem.markdown.ItemChange;
import io.postmortemsync.postmortem.markdown.ParseOptions;
import io.postmortemsync.postmortem.markdown.PostmortemParser;
import io.postmortemsync.postmortem.markdown.RewriteResult;
import java.util.List;

/**
 * How the engine reads documents and writes changes into them: the Markdown parser and rewriter
 * in production ({@link #markdown}). A seam of its own so the engine does not care about Markdown.
 */
public interface DocumentFormat {

    /** Reads one document; never throws on bad input (problems are diagnostics). */
    ParsedDocument parse(String file, byte[] content);

    /** Applies changes to a document's bytes, changing only the bytes it must; pure. */
    RewriteResult rewrite(String file, byte[] content, List<ItemChange> changes);

    /** Checks across documents (an incident id used twice); returns them sorted by path. */
    List<ParsedDocument> checkAcrossDocuments(List<ParsedDocument> documents);

    /** The postmortem Markdown format of DESIGN.md §3. */
    static DocumentFormat markdown(ParseOptions options) {
        PostmortemParser parser = new PostmortemParser(options);
        DocumentRewriter rewriter = new DocumentRewriter(options);
        return new DocumentFormat() {
            @Override
            public ParsedDocument parse(String file, byte[] content) {
                return parser.parse(file, content);
            }

            @Override
            public RewriteResult rewrite(String file, byte[] content, List<ItemChange> changes) {
                return rewriter.rewrite(file, content, changes);
            }

            @Override
            public List<ParsedDocument> checkAcrossDocuments(List<ParsedDocument> documents) {
                return PostmortemSet.checkAcrossDocuments(documents);
            }
        };
    }
}
