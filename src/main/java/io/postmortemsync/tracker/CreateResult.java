package io.postmortemsync.tracker;

import java.util.List;

/** What happened to one ticket of a bulk create. */
public sealed interface CreateResult {

    NewTicket request();

    /**
     * The ticket exists now.
     *
     * @param adopted true when it already existed (found by its sync-key label after an uncertain
     *     failure) rather than being created by this call
     * @param warnings what the ticket lacks that the item asked for (an owner who matches no user,
     *     so the ticket is unassigned), for the pass report; empty when it is all there
     */
    record Created(NewTicket request, String key, boolean adopted, List<String> warnings) implements CreateResult {

        public Created {
            warnings = List.copyOf(warnings);
        }

        public Created(NewTicket request, String key, boolean adopted) {
            this(request, key, adopted, List.of());
        }
    }

    /** The tracker rejected this ticket; the others are unaffected. */
    record Failed(NewTicket request, TrackerException.Kind kind, String message) implements CreateResult {}
}
