package io.postmortemsync.tracker;

/** What happened to one ticket of a bulk create. */
public sealed interface CreateResult {

    NewTicket request();

    /**
     * The ticket exists now.
     *
     * @param adopted true when it already existed (found by its sync-key label after an uncertain
     *     failure) rather than being created by this call
     */
    record Created(NewTicket request, String key, boolean adopted) implements CreateResult {}

    /** The tracker rejected this ticket; the others are unaffected. */
    record Failed(NewTicket request, TrackerException.Kind kind, String message) implements CreateResult {}
}
