package io.postmortemsync.fakejira;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An issue as the fake holds it, for assertions.
 *
 * @param description the description as sent: an ADF tree (Cloud) or a text node of wiki markup
 * @param assignee account id (Cloud) or user name (Data Center), or null
 * @param linkedKeys keys of linked issues, as {@code "<link type>:<key>"}
 * @param previousKeys keys the issue had before moves
 */
public record IssueView(
        long id,
        String key,
        String project,
        String issueType,
        String summary,
        JsonNode description,
        List<String> labels,
        String priority,
        LocalDate dueDate,
        String assignee,
        String status,
        String statusCategory,
        String resolution,
        Instant created,
        Instant updated,
        List<String> linkedKeys,
        List<RemoteLinkView> remoteLinks,
        Set<String> previousKeys) {

    public record RemoteLinkView(String globalId, String url, String title) {}

    /**
     * The description as text a person would read: wiki markup with its backslash escapes
     * resolved (Data Center), or the text nodes of an ADF tree joined (Cloud).
     */
    public String descriptionText() {
        if (description == null || description.isNull()) {
            return "";
        }
        if (description.isTextual()) {
            return description.asText().replaceAll("\\\\(.)", "$1");
        }
        StringBuilder b = new StringBuilder();
        collect(description, b);
        return b.toString();
    }

    private static void collect(JsonNode node, StringBuilder b) {
        if ("text".equals(node.path("type").asText())) {
            b.append(node.path("text").asText());
        }
        for (JsonNode child : node.path("content")) {
            collect(child, b);
        }
        if ("paragraph".equals(node.path("type").asText())) {
            b.append('\n');
        }
    }
}
