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

    /** A document's parse, and whatever a rewrite of the same bytes in the same pass can start from. */
    interface Read {
        ParsedDocument parsed();
    }

    /**
     * {@link #parse}, for a document whose write-back may follow in this pass: a
     * {@link #rewrite(Read, String, byte[], List)} of the very same bytes may then skip reading it
     * again. The default keeps nothing but the parse.
     */
    default Read read(String file, byte[] content) {
        ParsedDocument parsed = parse(file, content);
        return () -> parsed;
    }

    /**
     * {@link #rewrite(String, byte[], List)}, starting from an earlier {@link #read} of the document
     * when it still holds the same bytes. The default ignores the earlier read.
     */
    default RewriteResult rewrite(Read earlier, String file, byte[] content, List<ItemChange> changes) {
        return rewrite(file, content, changes);
    }

    /** The postmortem Markdown format of DESIGN.md §3. */
    static DocumentFormat markdown(ParseOptions options) {
        PostmortemParser parser = new PostmortemParser(options);
        DocumentRewriter rewriter = new DocumentRewriter(options);
        /* The Markdown rewriter's read, which a write-back of the same bytes starts from. */
        record MarkdownRead(DocumentRewriter.Read read) implements Read {
            @Override
            public ParsedDocument parsed() {
                return read.parsed();
            }
        }
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

            @Override
            public Read read(String file, byte[] content) {
                return new MarkdownRead(rewriter.read(file, content));
            }

            @Override
            public RewriteResult rewrite(Read earlier, String file, byte[] content, List<ItemChange> changes) {
                return earlier instanceof MarkdownRead m && m.read().file().equals(file)
                        ? rewriter.rewrite(m.read(), content, changes)
                        : rewriter.rewrite(file, content, changes);
            }
        };
    }
}
