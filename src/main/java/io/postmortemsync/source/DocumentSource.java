package io.postmortemsync.source;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where postmortem documents live: a folder on disk, or a git repository. The sync engine uses
 * one source per pass in this order: {@link #refresh()}, {@link #read} for documents whose
 * version changed, {@link #update} for each write-back, then {@link #publish} once.
 *
 * <p>Paths are relative to the source's root folder ({@code source.path}), with {@code /}
 * separators, e.g. {@code 2025/2025-04-10-payments.md}.
 */
public interface DocumentSource extends AutoCloseable {

    /**
     * Brings the source up to date (git: fetch and fast-forward) and lists its documents with
     * a cheap version token each, so unchanged documents need not be read or parsed again.
     */
    List<DocumentRef> refresh() throws SourceException;

    /** The current bytes of a document. */
    byte[] read(String path) throws IOException;

    /**
     * Edits a document safely: reads its current bytes, applies {@code edit}, and replaces the
     * file atomically (temporary file in the same folder, then rename) only if nobody changed
     * it meanwhile; if somebody did, the edit is applied again to their content. A person's edit
     * is never lost and a document is never left half-written.
     *
     * @param description one line per change for the record (the git commit message), e.g.
     *     {@code OPS-123: Not Started -> In Progress}
     */
    UpdateResult update(String path, DocumentEdit edit, List<String> description) throws IOException;

    /**
     * Whether {@link #update} may run for different documents on several threads at once. A folder
     * can (each file is replaced on its own), and the sync engine then writes documents in
     * parallel; a source that collects its updates (git) says no and gets them one at a time.
     */
    default boolean updatesConcurrently() {
        return false;
    }

    /**
     * Makes this pass's updates durable where others see them (git: one commit, then push,
     * redoing the edits on the new remote state when the push is rejected). A folder source has
     * nothing to do. Called once per pass, also when nothing was updated.
     */
    PublishResult publish() throws SourceException;

    /** The web link of a document ({@code source.linkTemplate} filled in), if one is configured. */
    Optional<String> linkFor(String path);

    /** A short description for logs and messages, never holding credentials. */
    String describe();

    @Override
    default void close() throws SourceException {}

    /**
     * A document and its version.
     *
     * @param path relative path with {@code /} separators
     * @param version changes whenever the content may have changed (git: blob id; folder: size and
     *     modification time); equal versions mean the cached parse is still good
     */
    record DocumentRef(String path, String version) {}

    /** A pure function from a document's bytes to its new bytes; it may be applied more than once. */
    @FunctionalInterface
    interface DocumentEdit {
        /** Returns the new content, or the same content when there is nothing to change. */
        byte[] apply(byte[] current) throws EditRejected;
    }

    /** Thrown by an edit that can no longer be applied (e.g. the row it targets was removed). */
    final class EditRejected extends Exception {
        public EditRejected(String message) {
            super(message);
        }
    }

    /** What an update did. */
    sealed interface UpdateResult {
        /** The document was replaced; {@code version} is its new version. */
        record Written(String path, String version) implements UpdateResult {}

        /** The edit changed nothing. */
        record Unchanged(String path) implements UpdateResult {}

        /** The edit could not be applied to the current content. */
        record Rejected(String path, String reason) implements UpdateResult {}
    }

    /**
     * What publishing did. Either way it lists the {@link #rejected() rejected} updates: edits of
     * this pass that were applied once but could not be applied again after someone else changed
     * the document meanwhile (git: a person pushed first), so they are not in what was published.
     * They are reported, never silently dropped; the next pass sees the document as it is now.
     */
    sealed interface PublishResult {

        List<UpdateResult.Rejected> rejected();

        record NothingToPublish(List<UpdateResult.Rejected> rejected) implements PublishResult {
            public NothingToPublish {
                rejected = List.copyOf(rejected);
            }

            public NothingToPublish() {
                this(List.of());
            }
        }

        /** @param revision e.g. the commit id, or null for a folder */
        record Published(String revision, int documents, List<UpdateResult.Rejected> rejected)
                implements PublishResult {
            public Published {
                rejected = List.copyOf(rejected);
            }

            public Published(String revision, int documents) {
                this(revision, documents, List.of());
            }
        }
    }
}
