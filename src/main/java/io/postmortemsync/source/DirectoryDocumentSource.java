package io.postmortemsync.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents in a folder on disk ({@code source.type: directory}), and the folder walk the git
 * source and the commands reuse. Paths are relative to the root with {@code /} separators;
 * include and exclude globs apply to them ({@code **}{@code /*.md} matches top-level files too).
 * The version of a document is its size and modification time. Updates replace the file
 * atomically, keep its permissions, and never overwrite an edit made while they ran.
 */
public final class DirectoryDocumentSource implements DocumentSource {

    private static final Logger log = LoggerFactory.getLogger(DirectoryDocumentSource.class);

    /** How often an update is redone on a file that keeps changing under it before giving up for this pass. */
    static final int MAX_ATTEMPTS = 5;

    private final Path root;
    private final PathFilter filter;
    private final String linkTemplate;
    private final Set<String> updatedThisPass = ConcurrentHashMap.newKeySet();

    /**
     * @param root the folder scanned recursively
     * @param include globs of documents to read; empty means {@code **}{@code /*.md}
     * @param exclude globs of documents to leave out
     * @param linkTemplate a document's web URL with {@code {path}} for its relative path, or null
     */
    public DirectoryDocumentSource(Path root, List<String> include, List<String> exclude, String linkTemplate) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.filter = PathFilter.of(include, exclude);
        this.linkTemplate = linkTemplate == null || linkTemplate.isBlank() ? null : linkTemplate;
    }

    public Path root() {
        return root;
    }

    @Override
    public List<DocumentRef> refresh() throws SourceException {
        if (!Files.isDirectory(root)) {
            throw new SourceException("The source folder " + root + " does not exist or is not a folder");
        }
        List<DocumentRef> documents = new ArrayList<>();
        try {
            Path start = root.toRealPath(); // the root may itself be a symbolic link
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(start) && dir.getFileName().toString().equals(".git")
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    BasicFileAttributes target = attrs.isSymbolicLink() ? followed(file) : attrs;
                    if (target != null && target.isRegularFile()) {
                        String path = start.relativize(file)
                                .toString()
                                .replace(file.getFileSystem().getSeparator(), "/");
                        if (isIncluded(path)) {
                            documents.add(new DocumentRef(path, version(target)));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // One unreadable folder or file must not hide all the others.
                    log.warn("Skipping {}: {}", file, e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SourceException("Cannot list the source folder " + root + ": " + e.getMessage(), e);
        }
        documents.sort(Comparator.comparing(DocumentRef::path));
        return List.copyOf(documents);
    }

    /** Whether a relative path is one of this source's documents by its globs. */
    public boolean isIncluded(String path) {
        return filter.matches(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
        return Files.readAllBytes(resolve(path));
    }

    @Override
    public UpdateResult update(String path, DocumentEdit edit, List<String> description) throws IOException {
        Objects.requireNonNull(edit, "edit");
        // Write next to the real file, so a symbolic link stays a link to the updated file.
        Path file = resolve(path).toRealPath();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            byte[] current = Files.readAllBytes(file);
            byte[] next;
            try {
                next = edit.apply(current);
            } catch (EditRejected e) {
                return new UpdateResult.Rejected(path, e.getMessage());
            }
            if (next == null || Arrays.equals(next, current)) {
                return new UpdateResult.Unchanged(path);
            }
            if (AtomicFiles.replaceIfUnchanged(file, current, next)) {
                updatedThisPass.add(path);
                log.debug("Updated {}: {}", path, description);
                return new UpdateResult.Written(path, version(Files.readAttributes(file, BasicFileAttributes.class)));
            }
            log.info(
                    "{} changed while it was being updated; applying the update again to the new content (attempt {})",
                    path,
                    attempt);
        }
        throw new IOException(path + " kept changing while it was being updated (" + MAX_ATTEMPTS
                + " attempts); it is left as it is for now");
    }

    /** Each file is replaced on its own, and the set of written paths is concurrent. */
    @Override
    public boolean updatesConcurrently() {
        return true;
    }

    /** A folder has nothing to publish; the result says how many documents this pass wrote. */
    @Override
    public PublishResult publish() {
        int written = updatedThisPass.size();
        updatedThisPass.clear();
        return written == 0 ? new PublishResult.NothingToPublish() : new PublishResult.Published(null, written);
    }

    @Override
    public Optional<String> linkFor(String path) {
        return linkTemplate == null ? Optional.empty() : Optional.of(linkTemplate.replace("{path}", encodePath(path)));
    }

    @Override
    public String describe() {
        return "folder " + root;
    }

    private Path resolve(String path) throws IOException {
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IOException("Not a document path inside " + root + ": " + path);
        }
        return resolved;
    }

    private static BasicFileAttributes followed(Path link) {
        try {
            return Files.readAttributes(link, BasicFileAttributes.class);
        } catch (IOException e) {
            return null; // a dangling link
        }
    }

    private static String version(BasicFileAttributes attrs) {
        return attrs.size() + "-" + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    /** Each path segment percent-encoded (UTF-8), the slashes kept: {@code 2025/PM 1 – DNS.md} → {@code 2025/PM%201%20%E2%80%93%20DNS.md}. */
    static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return sb.toString();
    }
}
