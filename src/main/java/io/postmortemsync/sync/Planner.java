package io.postmortemsync.sync;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.sync.ItemPlan.Decision;
import io.postmortemsync.sync.ItemPlan.LinkNeed;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.StatusMapping;
import io.postmortemsync.tracker.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides, for every action item, what brings document and tracker in line: desired state = the
 * items, actual state = the tickets as the {@link TicketMemory} knows them after this pass's reads.
 * Pure: no tracker calls, no writes, so {@code plan} and {@code sync} decide identically.
 */
final class Planner {

    /**
     * @param offline {@code tracker.type: none}: nothing to decide about tickets
     * @param writeBack {@code sync.writeBack}
     * @param remoteLinks {@code tracker.remoteLinks}
     */
    record Settings(boolean offline, boolean writeBack, boolean remoteLinks) {}

    private final Settings settings;
    private final StatusMapping statusMapping;
    private final Function<String, Optional<String>> documentLink;

    Planner(Settings settings, StatusMapping statusMapping, Function<String, Optional<String>> documentLink) {
        this.settings = settings;
        this.statusMapping = statusMapping;
        this.documentLink = documentLink;
    }

    List<ItemPlan> plan(DocumentCatalog.Snapshot documents, TicketMemory tickets, RetryBook retries) {
        List<ItemPlan> plans = new ArrayList<>(documents.items());
        for (ParsedDocument doc : documents.documents()) {
            Postmortem pm = doc.postmortem();
            ParsedDocument before = documents.previous().get(doc.file());
            for (ActionItem item : pm.items()) {
                plans.add(
                        settings.offline()
                                ? new ItemPlan(pm, item, new Decision.InSync(item.ticket()), List.of(), List.of())
                                : planItem(
                                        pm, item, before, documents.changed().contains(doc.file()), tickets, retries));
            }
        }
        return plans;
    }

    private ItemPlan planItem(
            Postmortem pm,
            ActionItem item,
            ParsedDocument before,
            boolean documentChanged,
            TicketMemory tickets,
            RetryBook retries) {
        return item.hasTicket()
                ? planReferenced(pm, item, before, tickets, retries)
                : planUnreferenced(pm, item, documentChanged, tickets, retries);
    }

    /** The document names a ticket: follow it (key after a move, status), never recreate it. */
    private ItemPlan planReferenced(
            Postmortem pm, ActionItem item, ParsedDocument before, TicketMemory tickets, RetryBook retries) {
        if (tickets.isMissing(item.ticket())) {
            return plan(
                    pm,
                    item,
                    new Decision.Fail("ticket " + item.ticket()
                            + " does not exist (deleted, or not visible to the configured user); it is not recreated:"
                            + " remove the key from the document to get a new ticket"));
        }
        Optional<Ticket> found = tickets.byKey(item.ticket());
        if (found.isEmpty()) {
            // Not read in this pass (a read failed): nothing is known that could be acted on.
            return plan(pm, item, new Decision.InSync(item.ticket()));
        }
        Ticket ticket = found.get();
        String newKey = settings.writeBack() && !ticket.key().equalsIgnoreCase(item.ticket()) ? ticket.key() : null;
        ItemStatus statusTo = settings.writeBack() ? statusChange(item, ticket) : null;
        boolean handEdited = statusTo != null && wasEditedByHand(item, before);
        Links links = links(pm, item, ticket, false, retries, tickets);
        Decision decision = newKey == null && statusTo == null
                ? new Decision.InSync(ticket.key())
                : new Decision.Update(ticket, newKey, statusTo, handEdited);
        return new ItemPlan(pm, item, decision, links.needs, links.waiting);
    }

    /** No key in the document: adopt the ticket that carries the item's label, else create one. */
    private ItemPlan planUnreferenced(
            Postmortem pm, ActionItem item, boolean documentChanged, TicketMemory tickets, RetryBook retries) {
        List<Ticket> labelled = tickets.ownBySyncKey(item.syncKey());
        if (!labelled.isEmpty()) {
            Ticket ticket = labelled.getFirst();
            List<String> duplicates = labelled.subList(1, labelled.size()).stream()
                    .map(Ticket::key)
                    .toList();
            Links links = links(pm, item, ticket, settings.writeBack(), retries, tickets);
            Decision decision = settings.writeBack()
                    ? new Decision.Adopt(ticket, statusChange(item, ticket), duplicates)
                    // Without write-back the label is how item and ticket stay matched: nothing to adopt.
                    : new Decision.InSync(ticket.key());
            return new ItemPlan(pm, item, decision, links.needs, links.waiting);
        }
        if (item.status() == ItemStatus.COMPLETED || item.status() == ItemStatus.DEFERRED) {
            // A ticket for finished work would start open in Jira and reopen the item in the document.
            // Said once, when the document is read, not in every pass of the daemon.
            return plan(
                    pm,
                    item,
                    documentChanged
                            ? new Decision.Skip(item.status().text() + " in the document; no ticket is created for it")
                            : new Decision.InSync(null));
        }
        Optional<ItemPlan.Waiting> waiting = retries.waiting(RetryBook.create(item.syncKey()), "creating its ticket");
        if (waiting.isPresent()) {
            return plan(pm, item, new Decision.Fail(waiting.get().describe()));
        }
        Optional<String> url = documentLink.apply(pm.file());
        Links links = links(pm, item, null, true, retries, tickets);
        return new ItemPlan(
                pm, item, new Decision.Create(new NewTicket(pm, item, url.orElse(null))), links.needs, links.waiting);
    }

    private record Links(List<LinkNeed> needs, List<ItemPlan.Waiting> waiting) {}

    /**
     * The links the item's ticket lacks: to the incident ticket (visible in the ticket's links, so
     * checked every time the ticket is read) and to the document (not visible in a search, so added
     * when the ticket is created or adopted, and retried while an earlier attempt failed).
     */
    private Links links(
            Postmortem pm,
            ActionItem item,
            Ticket ticket,
            boolean newlyMatched,
            RetryBook retries,
            TicketMemory tickets) {
        List<LinkNeed> needs = new ArrayList<>(2);
        String incident = pm.incidentTicket();
        if (incident != null && (ticket == null || needsIncidentLink(ticket, incident))) {
            needs.add(new LinkNeed.Incident(incident));
        }
        if (settings.remoteLinks()) {
            Optional<LinkNeed.Document> pending =
                    ticket == null ? Optional.empty() : tickets.pendingDocumentLink(ticket.key());
            if (pending.isPresent()) {
                needs.add(pending.get());
            } else if (newlyMatched) {
                documentLink
                        .apply(pm.file())
                        .ifPresent(url -> needs.add(new LinkNeed.Document(url, documentTitle(pm))));
            }
        }
        if (needs.isEmpty()) {
            return new Links(List.of(), List.of());
        }
        List<LinkNeed> due = new ArrayList<>(needs.size());
        List<ItemPlan.Waiting> waiting = new ArrayList<>(0);
        for (LinkNeed need : needs) {
            String operation = need instanceof LinkNeed.Incident
                    ? "linking its ticket to the incident"
                    : "linking its ticket to the document";
            retries.waiting(RetryBook.link(item.syncKey(), need), operation)
                    .ifPresentOrElse(waiting::add, () -> due.add(need));
        }
        return new Links(due, waiting);
    }

    /**
     * Only the daemon's own tickets are linked (a ticket a person referenced is theirs to link), and
     * only once they were read in full: a ticket known just by the key its create returned shows no
     * links yet.
     */
    private static boolean needsIncidentLink(Ticket ticket, String incident) {
        return TicketMemory.isOwn(ticket)
                && ticket.status() != null
                && !ticket.key().equalsIgnoreCase(incident)
                && !linkedTo(ticket, incident);
    }

    private static boolean linkedTo(Ticket ticket, String key) {
        for (String linked : ticket.linkedIssueKeys()) {
            if (linked.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private ItemStatus statusChange(ActionItem item, Ticket ticket) {
        if (ticket.status() == null) {
            return null; // created but not read yet: its status is not known
        }
        ItemStatus status = statusMapping.toItemStatus(ticket.status());
        return status == item.status() ? null : status;
    }

    /** The status differs from the previous parse of the same item: a person changed it. */
    private static boolean wasEditedByHand(ActionItem item, ParsedDocument before) {
        if (before == null) {
            return false;
        }
        for (ActionItem earlier : before.postmortem().items()) {
            if (earlier.syncKey().equals(item.syncKey())) {
                return earlier.status() != item.status();
            }
        }
        return false;
    }

    static String documentTitle(Postmortem pm) {
        return "Postmortem: " + (pm.title() != null ? pm.title() : pm.incidentId());
    }

    private static ItemPlan plan(Postmortem pm, ActionItem item, Decision decision) {
        return new ItemPlan(pm, item, decision, List.of(), List.of());
    }
}
