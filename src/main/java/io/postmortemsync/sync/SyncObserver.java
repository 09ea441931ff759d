package io.postmortemsync.sync;

import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Told what each sync pass did, so metrics and health can follow the engine without the engine
 * knowing about them. Called from the pass's thread; implementations must be quick and must
 * not throw.
 */
public interface SyncObserver {

    SyncObserver NONE = new SyncObserver() {};

    /**
     * The documents as this pass leaves them (all of them, valid or not), also in offline mode:
     * items carry the ticket key and, once a ticket exists, the status the tracker has for it
     * (Jira is authoritative), whether or not {@code sync.writeBack} wrote it into the file.
     */
    default void documentsRead(List<ParsedDocument> documents) {}

    /** A ticket was created for an item of this type. */
    default void ticketCreated(ItemType type) {}

    /** A pass ended. */
    default void passFinished(PassOutcome outcome, Duration duration, Instant finishedAt) {}

    /** How a pass ended: {@code success}, {@code partial} (some items failed), {@code failure}. */
    enum PassOutcome {
        SUCCESS,
        PARTIAL,
        FAILURE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
