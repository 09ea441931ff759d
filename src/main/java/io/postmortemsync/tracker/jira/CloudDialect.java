package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.tracker.Tracker.Deployment;
import io.postmortemsync.tracker.TrackerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Jira Cloud: REST v3, ADF, account ids. Search is {@code POST /rest/api/3/search/jql}: the old
 * {@code /search} answers 410 Gone, the new one pages with {@code nextPageToken} / {@code isLast}
 * and has no total, returns only ids unless fields are named, and is eventually consistent.
 * Reading by key uses {@code POST /rest/api/3/issue/bulkfetch}, because a JQL {@code key in (...)}
 * naming a deleted key fails the whole search with 400 and Cloud search cannot skip validation.
 */
final class CloudDialect implements Dialect {

    /** Cloud accepts at most 50 ids in reconcileIssues. */
    static final int MAX_RECONCILE = 50;

    private static final int MAX_PAGES = 10_000;

    private final JiraHttp http;

    CloudDialect(JiraHttp http) {
        this.http = http;
    }

    @Override
    public Deployment deployment() {
        return Deployment.CLOUD;
    }

    @Override
    public String apiVersion() {
        return "3";
    }

    @Override
    public String userField() {
        return "accountId";
    }

    @Override
    public JsonNode description(Description description) {
        return AdfRenderer.render(description);
    }

    @Override
    public List<JsonNode> search(String jql, int pageSize, Collection<Long> reconcile) throws TrackerException {
        List<JsonNode> issues = new ArrayList<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = JiraHttp.JSON.createObjectNode().put("jql", jql).put("maxResults", pageSize);
            ArrayNode fields = body.putArray("fields");
            IssueParser.FIELDS.forEach(fields::add);
            if (!reconcile.isEmpty()) {
                ArrayNode ids = body.putArray("reconcileIssues");
                reconcile.stream().limit(MAX_RECONCILE).forEach(ids::add);
            }
            if (token != null) {
                body.put("nextPageToken", token);
            }
            JsonNode answer =
                    http.post(Op.SEARCH, http.api("3", "search", "jql").build(), body, true);
            answer.path("issues").forEach(issues::add);
            String next = answer.path("nextPageToken").isTextual()
                    ? answer.path("nextPageToken").asText()
                    : null;
            boolean last = answer.path("isLast").asBoolean(next == null);
            if (last || next == null) {
                return issues;
            }
            if (Objects.equals(next, token)) {
                throw new TrackerException(
                        TrackerException.Kind.TRANSIENT, "Jira search returned the same page token twice; stopping");
            }
            token = next;
        }
        throw new TrackerException(
                TrackerException.Kind.CLIENT_ERROR, "Jira search did not end after " + MAX_PAGES + " pages");
    }

    @Override
    public List<JsonNode> fetchByKeys(List<String> keys) throws TrackerException {
        ObjectNode body = JiraHttp.JSON.createObjectNode();
        ArrayNode ids = body.putArray("issueIdsOrKeys");
        keys.forEach(ids::add);
        ArrayNode fields = body.putArray("fields");
        IssueParser.FIELDS.forEach(fields::add);
        JsonNode answer = http.post(Op.READ, http.api("3", "issue", "bulkfetch").build(), body, true);
        List<JsonNode> issues = new ArrayList<>();
        answer.path("issues").forEach(issues::add);
        return issues;
    }

    @Override
    public int keysPerRequest() {
        return 100;
    }

    @Override
    public Duration changeSearchOverlap() {
        return Duration.ofMinutes(2);
    }
}
