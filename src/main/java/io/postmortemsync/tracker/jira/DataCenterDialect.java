package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.postmortemsync.tracker.Tracker.Deployment;
import io.postmortemsync.tracker.TrackerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Jira Data Center / Server: REST v2, wiki markup, user names. Search is {@code POST
 * /rest/api/2/search} paging with {@code startAt} / {@code total}, strongly consistent. Reading by
 * key is a {@code key in (...)} search with {@code validateQuery: false}, which skips keys that no
 * longer exist instead of failing the whole query with 400.
 */
final class DataCenterDialect implements Dialect {

    private static final int MAX_PAGES = 10_000;

    private final JiraHttp http;

    DataCenterDialect(JiraHttp http) {
        this.http = http;
    }

    @Override
    public Deployment deployment() {
        return Deployment.DATACENTER;
    }

    @Override
    public String apiVersion() {
        return "2";
    }

    @Override
    public String userField() {
        return "name";
    }

    @Override
    public JsonNode description(Description description) {
        return TextNode.valueOf(WikiRenderer.render(description));
    }

    @Override
    public List<JsonNode> search(String jql, int pageSize, Collection<Long> reconcile) throws TrackerException {
        return search(Op.SEARCH, jql, pageSize, true);
    }

    private List<JsonNode> search(Op op, String jql, int pageSize, boolean validate) throws TrackerException {
        List<JsonNode> issues = new ArrayList<>();
        int startAt = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = JiraHttp.JSON
                    .createObjectNode()
                    .put("jql", jql)
                    .put("startAt", startAt)
                    .put("maxResults", pageSize)
                    .put("validateQuery", validate);
            ArrayNode fields = body.putArray("fields");
            IssueParser.FIELDS.forEach(fields::add);
            JsonNode answer = http.post(op, http.api("2", "search").build(), body, true);
            JsonNode got = answer.path("issues");
            got.forEach(issues::add);
            startAt += got.size();
            // The server may cap maxResults below what was asked: page by what arrived, until total.
            if (got.isEmpty() || startAt >= answer.path("total").asInt(0)) {
                return issues;
            }
        }
        throw new TrackerException(
                TrackerException.Kind.CLIENT_ERROR, "Jira search did not end after " + MAX_PAGES + " pages");
    }

    @Override
    public List<JsonNode> fetchByKeys(List<String> keys) throws TrackerException {
        return search(Op.READ, Jql.in("key", keys) + " ORDER BY key ASC", keys.size(), false);
    }

    @Override
    public int keysPerRequest() {
        return 100;
    }

    /** Data Center search is strongly consistent. */
    @Override
    public Duration changeSearchOverlap() {
        return Duration.ZERO;
    }
}
