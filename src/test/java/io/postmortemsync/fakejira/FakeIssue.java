package io.postmortemsync.fakejira;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One issue as the fake stores it; guarded by the fake's lock. */
final class FakeIssue implements FakeJql.Subject {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    record RemoteLink(long id, String globalId, String url, String title, String relationship) {}

    final long id;
    String key;
    String projectKey;
    String projectName;
    String issueTypeId;
    String issueTypeName;
    String summary;
    /**
     * The description as the create request's JSON text (null when it set none). Kept as text, not
     * as a tree: a tree of an ADF document takes some 50 KB of heap, and a benchmark's 5,000
     * issues would fill a quarter of a gigabyte with them. Never changed after creation.
     */
    String descriptionJson;

    List<String> labels = new ArrayList<>();
    String priority;
    LocalDate dueDate;
    String assignee; // account id (Cloud) or user name (Data Center)
    String status;
    String statusCategory;
    String resolution;
    Instant created;
    Instant updated;
    final Set<String> previousKeys = new LinkedHashSet<>();
    final Map<String, RemoteLink> remoteLinks = new LinkedHashMap<>();

    FakeIssue(long id) {
        this.id = id;
    }

    FakeIssue copy() {
        FakeIssue c = new FakeIssue(id);
        c.key = key;
        c.projectKey = projectKey;
        c.projectName = projectName;
        c.issueTypeId = issueTypeId;
        c.issueTypeName = issueTypeName;
        c.summary = summary;
        c.descriptionJson = descriptionJson;
        c.labels = new ArrayList<>(labels);
        c.priority = priority;
        c.dueDate = dueDate;
        c.assignee = assignee;
        c.status = status;
        c.statusCategory = statusCategory;
        c.resolution = resolution;
        c.created = created;
        c.updated = updated;
        c.previousKeys.addAll(previousKeys);
        c.remoteLinks.putAll(remoteLinks);
        return c;
    }

    /** The description as a tree of its own, or null when the issue has none. */
    JsonNode description() {
        if (descriptionJson == null) {
            return null;
        }
        try {
            return JSON.readTree(descriptionJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the fake stored a description it cannot read back", e);
        }
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Set<String> keys() {
        Set<String> all = new LinkedHashSet<>();
        all.add(key.toUpperCase(Locale.ROOT));
        previousKeys.forEach(k -> all.add(k.toUpperCase(Locale.ROOT)));
        return all;
    }

    @Override
    public String projectKey() {
        return projectKey;
    }

    @Override
    public String projectName() {
        return projectName;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public Instant updated() {
        return updated;
    }

    @Override
    public Instant created() {
        return created;
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public String statusCategoryKey() {
        return statusCategory;
    }

    @Override
    public long id() {
        return id;
    }
}
