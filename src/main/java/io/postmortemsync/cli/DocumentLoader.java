package io.postmortemsync.cli;

import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.PostmortemSet;
import io.postmortemsync.postmortem.markdown.PostmortemParser;
import io.postmortemsync.source.DirectoryDocumentSource;
import io.postmortemsync.source.DocumentSource.DocumentRef;
import io.postmortemsync.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the documents named on a command line: files as given, folders recursively
 * ({@code **}{@code /*.md}). A document is shown as the path the user gave joined with its path
 * inside the folder. A file that cannot be read becomes an error diagnostic; a path that does not
 * exist is a usage error.
 */
final class DocumentLoader {

    /** A path argument that is not a readable file or folder. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    private final PostmortemParser parser;

    DocumentLoader(PostmortemParser parser) {
        this.parser = parser;
    }

    /** The parsed documents, sorted by path, with cross-document checks applied. */
    List<ParsedDocument> load(List<String> arguments) throws UsageError {
        List<ParsedDocument> documents = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String argument : arguments) {
            Path path;
            try {
                path = Path.of(argument);
            } catch (InvalidPathException e) {
                throw new UsageError("not a valid path: " + argument);
            }
            if (Files.isDirectory(path)) {
                DirectoryDocumentSource folder = new DirectoryDocumentSource(path, List.of("**/*.md"), List.of(), null);
                List<DocumentRef> refs;
                try {
                    refs = folder.refresh();
                } catch (SourceException e) {
                    throw new UsageError(e.getMessage());
                }
                for (DocumentRef ref : refs) {
                    if (seen.add(path.resolve(ref.path()).toAbsolutePath().normalize())) {
                        String shown = join(argument, ref.path());
                        documents.add(parse(shown, () -> folder.read(ref.path())));
                    }
                }
            } else if (Files.exists(path)) {
                if (seen.add(path.toAbsolutePath().normalize())) {
                    documents.add(parse(argument, () -> Files.readAllBytes(path)));
                }
            } else {
                throw new UsageError("no such file or folder: " + argument);
            }
        }
        return PostmortemSet.checkAcrossDocuments(documents);
    }

    private interface Reader {
        byte[] read() throws IOException;
    }

    private ParsedDocument parse(String shown, Reader reader) {
        byte[] content;
        try {
            content = reader.read();
        } catch (IOException e) {
            return ParsedDocument.unreadable(
                    shown, List.of(Diagnostic.error(shown, 0, "Cannot read the file: " + e.getMessage())));
        }
        return parser.parse(shown, content);
    }

    static String join(String folder, String relative) {
        String base = folder;
        while (base.length() > 1 && (base.endsWith("/") || base.endsWith("\\"))) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith("/") ? base + relative : base + "/" + relative;
    }
}
