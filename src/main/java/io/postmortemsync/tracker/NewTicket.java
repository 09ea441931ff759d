package io.postmortemsync.tracker;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Postmortem;
import java.util.Objects;

/**
 * A ticket to create for an action item.
 *
 * @param postmortem the incident the item belongs to (id, title, severity, services, incident ticket)
 * @param item the action item
 * @param documentUrl the document's web link ({@code source.linkTemplate}), or null when none
 */
public record NewTicket(Postmortem postmortem, ActionItem item, String documentUrl) {

    public NewTicket {
        Objects.requireNonNull(postmortem, "postmortem");
        Objects.requireNonNull(item, "item");
    }
}
