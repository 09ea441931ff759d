package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerException.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates tickets through {@code POST /rest/api/{2,3}/issue/bulk}, at most 50 per request, and
 * maps Jira's answer back to each request. A create whose fate is unknown is never sent again
 * blindly: its tickets are looked up by their sync-key labels and adopted when found.
 */
final class BulkCreator {

    private static final Logger log = LoggerFactory.getLogger(BulkCreator.class);
    static final int BATCH = 50;

    /** Finds the daemon's tickets by sync key (the tracker's own search). */
    @FunctionalInterface
    interface SyncKeyLookup {
        Map<SyncKey, List<Ticket>> find(Collection<SyncKey> keys) throws TrackerException;
    }

    private record Indexed<T>(int index, T value) {}

    private final JiraHttp http;
    private final Dialect dialect;
    private final TicketPreparer preparer;
    private final Parallel parallel;
    private final RecentIssues recent;
    private final SyncKeyLookup lookup;

    BulkCreator(
            JiraHttp http,
            Dialect dialect,
            TicketPreparer preparer,
            Parallel parallel,
            RecentIssues recent,
            SyncKeyLookup lookup) {
        this.http = http;
        this.dialect = dialect;
        this.preparer = preparer;
        this.parallel = parallel;
        this.recent = recent;
        this.lookup = lookup;
    }

    List<CreateResult> create(List<NewTicket> requests) throws TrackerException {
        CreateResult[] results = new CreateResult[requests.size()];
        List<Indexed<TicketPreparer.Ready>> ready = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            switch (preparer.prepare(requests.get(i))) {
                case TicketPreparer.Ready r -> ready.add(new Indexed<>(i, r));
                case TicketPreparer.Rejected r ->
                    results[i] = new CreateResult.Failed(r.request(), r.kind(), r.message());
            }
        }
        for (List<Indexed<CreateResult>> batch : parallel.map(Parallel.chunks(ready, BATCH), this::send)) {
            for (Indexed<CreateResult> r : batch) {
                results[r.index()] = r.value();
            }
        }
        return List.of(results);
    }

    private List<Indexed<CreateResult>> send(List<Indexed<TicketPreparer.Ready>> batch) throws TrackerException {
        ObjectNode body = JiraHttp.JSON.createObjectNode();
        ArrayNode updates = body.putArray("issueUpdates");
        batch.forEach(r -> updates.addObject().set("fields", r.value().fields()));
        HttpUrl url = http.api(dialect.apiVersion(), "issue", "bulk").build();
        JiraAnswer answer;
        try {
            answer = http.exchange(Op.CREATE, "POST", url, body, false);
        } catch (TrackerException noAnswer) {
            return adoptAfterUncertainCreate(batch, noAnswer.getMessage());
        }
        if (answer.code() == 401) {
            throw http.failure(Op.CREATE, url, "POST", answer);
        }
        if (answer.code() >= 500) {
            return adoptAfterUncertainCreate(batch, "Jira answered HTTP " + answer.code());
        }
        JsonNode json = answer.json();
        if (!json.path("issues").isArray() && !json.path("errors").isArray()) {
            // The whole request was refused (a 403, a 429 past the retry budget, a top-level 400):
            // nothing was created.
            TrackerException failure = http.failure(Op.CREATE, url, "POST", answer);
            return batch.stream()
                    .map(r -> failed(r, failure.kind(), failure.getMessage()))
                    .toList();
        }
        return readBulkAnswer(batch, json);
    }

    /**
     * Jira lists the created issues in request order and the rejected ones by
     * {@code failedElementNumber} (0-based); it answers 201 when any was created and 400 when none
     * was, in the same shape.
     */
    private List<Indexed<CreateResult>> readBulkAnswer(List<Indexed<TicketPreparer.Ready>> batch, JsonNode json) {
        Map<Integer, Indexed<CreateResult>> rejected = new HashMap<>();
        for (JsonNode error : json.path("errors")) {
            int n = error.path("failedElementNumber").asInt(-1);
            if (n >= 0 && n < batch.size()) {
                JsonNode element = error.path("elementErrors");
                int status = error.path("status").asInt(element.path("status").asInt(400));
                String reasons = JiraErrors.reasons(element);
                rejected.put(
                        n,
                        failed(
                                batch.get(n),
                                JiraErrors.kindOf(status),
                                "Jira rejected the ticket"
                                        + (reasons.isEmpty() ? " (HTTP " + status + ")" : ": " + reasons)));
            }
        }
        List<JsonNode> created = new ArrayList<>();
        json.path("issues").forEach(created::add);
        List<Indexed<TicketPreparer.Ready>> accepted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!rejected.containsKey(i)) {
                accepted.add(batch.get(i));
            }
        }
        List<Indexed<CreateResult>> out = new ArrayList<>(rejected.values());
        if (created.size() != accepted.size()) {
            // The answer does not say which created issue belongs to which request: ask by label.
            out.addAll(adoptAfterUncertainCreate(
                    accepted,
                    "Jira reported " + created.size() + " created issues for " + accepted.size()
                            + " accepted requests"));
            return out;
        }
        for (int i = 0; i < accepted.size(); i++) {
            JsonNode issue = created.get(i);
            recent.add(issue.path("id").asText());
            Indexed<TicketPreparer.Ready> r = accepted.get(i);
            out.add(new Indexed<>(
                    r.index(),
                    new CreateResult.Created(
                            r.value().request(),
                            issue.path("key").asText(),
                            false,
                            r.value().warnings())));
        }
        return out;
    }

    /**
     * Looks up by label the tickets of a create whose fate is unknown (no answer, a time-out, a 5xx,
     * an answer that does not add up). Found ones are adopted; the rest are transient failures and
     * are not re-sent in this call: Cloud search may not show a ticket created seconds ago, and a
     * server that timed out may still be creating it. The next pass looks them up again first.
     */
    private List<Indexed<CreateResult>> adoptAfterUncertainCreate(
            List<Indexed<TicketPreparer.Ready>> batch, String why) {
        log.warn(
                "Jira did not confirm a create of {} ticket(s) ({}); looking them up by their sync-key labels",
                batch.size(),
                why);
        Map<SyncKey, List<Ticket>> found;
        try {
            found = lookup.find(batch.stream()
                    .map(r -> r.value().request().item().syncKey())
                    .distinct()
                    .toList());
        } catch (TrackerException e) {
            return batch.stream()
                    .map(r -> failed(
                            r,
                            Kind.TRANSIENT,
                            "Jira did not confirm creating this ticket (" + why
                                    + ") and looking it up failed too (" + e.getMessage()
                                    + "); it was not sent again: the next pass looks it up "
                                    + "before creating it"))
                    .toList();
        }
        List<Indexed<CreateResult>> out = new ArrayList<>();
        for (Indexed<TicketPreparer.Ready> r : batch) {
            SyncKey key = r.value().request().item().syncKey();
            List<Ticket> tickets = found.getOrDefault(key, List.of());
            out.add(
                    tickets.isEmpty()
                            ? failed(
                                    r,
                                    Kind.TRANSIENT,
                                    "Jira did not confirm creating this ticket (" + why + ") and no ticket with label "
                                            + key.label()
                                            + " exists yet; it was not sent again, so it cannot exist twice: the next pass looks it up "
                                            + "again and creates it if it is still missing")
                            : new Indexed<>(
                                    r.index(),
                                    new CreateResult.Created(
                                            r.value().request(), oldest(tickets).key(), true)));
        }
        return out;
    }

    private static Indexed<CreateResult> failed(Indexed<TicketPreparer.Ready> r, Kind kind, String message) {
        return new Indexed<>(r.index(), new CreateResult.Failed(r.value().request(), kind, message));
    }

    /** When a label is on several tickets (a person copied one), the first created is the daemon's. */
    private static Ticket oldest(List<Ticket> tickets) {
        return tickets.stream()
                .min(Comparator.comparingLong((Ticket t) -> numericId(t.id())).thenComparing(Ticket::key))
                .orElseThrow();
    }

    private static long numericId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            return Long.MAX_VALUE;
        }
    }
}
