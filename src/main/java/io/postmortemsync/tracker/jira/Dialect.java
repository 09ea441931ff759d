package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.tracker.Tracker.Deployment;
import io.postmortemsync.tracker.TrackerException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * What differs between Jira Cloud and Jira Data Center, and nothing else: API version, how people
 * and descriptions are written, how searches page, and how issues are read by key.
 */
sealed interface Dialect permits CloudDialect, DataCenterDialect {

    Deployment deployment();

    /** {@code 3} on Cloud, {@code 2} on Data Center (which has no v3). */
    String apiVersion();

    /** The user attribute that identifies a person: {@code accountId} or {@code name}. */
    String userField();

    /** The description field value: an ADF document or a wiki-markup string. */
    JsonNode description(Description description);

    /** A user reference for a field such as assignee. */
    default ObjectNode userRef(String id) {
        return JiraHttp.JSON.createObjectNode().put(userField(), id);
    }

    /**
     * Every issue matching the JQL (with {@link IssueParser#FIELDS}), following all pages.
     *
     * @param reconcile ids of issues created recently by this process; Cloud search is eventually
     *     consistent and only reflects them at once when told (at most 50)
     */
    List<JsonNode> search(String jql, int pageSize, Collection<Long> reconcile) throws TrackerException;

    /**
     * Reads up to {@link #keysPerRequest()} issues by key in one request. Keys that no longer
     * exist are simply absent (neither product may fail the whole read for them); a key moved to
     * another project may come back under its new key.
     */
    List<JsonNode> fetchByKeys(List<String> keys) throws TrackerException;

    int keysPerRequest();

    /**
     * How far back a change search looks beyond the instant asked for. Cloud search is eventually
     * consistent: an engineer's status change may reach the index seconds after it happened, so a
     * search for "changed since the last pass" looks a little further back rather than miss it.
     */
    Duration changeSearchOverlap();
}
