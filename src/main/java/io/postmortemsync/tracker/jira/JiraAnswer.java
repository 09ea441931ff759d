package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import okhttp3.Headers;

/**
 * What Jira answered, body already read.
 *
 * @param json the body as JSON; {@link MissingNode} when empty or not JSON
 * @param text the raw body, for messages when it is not JSON (a proxy's HTML page, plain text)
 */
record JiraAnswer(int code, Headers headers, JsonNode json, String text) {

    boolean ok() {
        return code >= 200 && code < 300;
    }
}
