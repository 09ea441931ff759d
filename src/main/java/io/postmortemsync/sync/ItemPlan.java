package io.postmortemsync.sync;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.Ticket;
import java.util.List;
import java.util.Objects;

/**
 * What a pass decided for one action item: one {@link Decision} about the ticket and the document,
 * plus the links the ticket still needs. Computed by {@link Planner} without side effects, so
 * {@code plan} and {@code sync} share it.
 *
 * @param links links to add once the item has its ticket
 * @param waiting operations left out of this pass because they failed before and wait for their
 *     back-off to end (each is reported as a failure)
 */
record ItemPlan(
        Postmortem postmortem, ActionItem item, Decision decision, List<LinkNeed> links, List<Waiting> waiting) {

    ItemPlan {
        Objects.requireNonNull(postmortem, "postmortem");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(decision, "decision");
        links = List.copyOf(links);
        waiting = List.copyOf(waiting);
    }

    String file() {
        return postmortem.file();
    }

    /** The ticket and document side of an item. */
    sealed interface Decision {

        /** Document and ticket agree, or there is no tracker, or the ticket was not read this pass. */
        record InSync(String ticketKey) implements Decision {}

        /** No key in the document and no ticket with the item's label: create one, then write its key back. */
        record Create(NewTicket request) implements Decision {}

        /**
         * No key in the document, but a ticket carries the item's {@code pmsync-} label (left by a
         * pass that stopped before writing back): write its key back instead of creating another.
         *
         * @param status the ticket's status when it differs from the document's, else null
         * @param duplicates other tickets with the same label, which are left alone and reported
         */
        record Adopt(Ticket ticket, ItemStatus status, List<String> duplicates) implements Decision {
            public Adopt {
                duplicates = List.copyOf(duplicates);
            }
        }

        /**
         * The document names a ticket and must follow it: a new key after a move, the ticket's
         * status (the tracker is authoritative once a ticket exists).
         *
         * @param newKey the ticket's key when it differs from the document's, else null
         * @param statusTo the ticket's status when it differs from the document's, else null
         * @param handEdited true when the document's status was edited since the last pass and is
         *     now overwritten
         */
        record Update(Ticket ticket, String newKey, ItemStatus statusTo, boolean handEdited) implements Decision {}

        /** Left alone on purpose; not a failure. */
        record Skip(String reason) implements Decision {}

        /** Cannot be synced and needs a person (e.g. the referenced ticket no longer exists), or waits for a retry. */
        record Fail(String reason) implements Decision {}
    }

    /** A link the item's ticket needs. */
    sealed interface LinkNeed {

        /** An issue link of {@code tracker.incidentLink} to the postmortem's incident ticket. */
        record Incident(String incidentKey) implements LinkNeed {}

        /** The ticket's web link to its document. */
        record Document(String url, String title) implements LinkNeed {}
    }

    /** An operation held back by its back-off. */
    record Waiting(String operation, int failures, String lastReason) {
        String describe() {
            return operation + " failed " + failures + (failures == 1 ? " time" : " times")
                    + ", retried in a later pass: " + lastReason;
        }
    }
}
