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

    record RemoteLink(long id, String globalId, String url, String title, String relationship) {}

    final long id;
    String key;
    String projectKey;
    String projectName;
    String issueTypeId;
    String issueTypeName;
    String summary;
    JsonNode description;
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
        c.description = description == null ? null : description.deepCopy();
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
