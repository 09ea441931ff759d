package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.postmortemsync.tracker.TrackerException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * What Jira allows: the issue types of a project, the fields on each create screen, the issue
 * link types. Read through {@code createmeta/{project}/issuetypes[/{id}]} (the all-projects
 * createmeta is gone from Data Center 9 and deprecated on Cloud) and cached with expiry: screens
 * change rarely, but they do change without anyone telling the daemon.
 */
final class JiraMetadata {

    record IssueTypeMeta(String id, String name, boolean subtask) {}

    /** One field of a create screen; {@code allowed} lists the names of allowed values (priorities). */
    record FieldMeta(String id, String name, boolean required, boolean hasDefault, List<String> allowed) {}

    /** The create screen of one project and issue type. */
    record Screen(String project, IssueTypeMeta issueType, Map<String, FieldMeta> fields) {
        boolean has(String fieldId) {
            return fields.containsKey(fieldId);
        }
    }

    record LinkType(String id, String name, String inward, String outward) {}

    private final JiraHttp http;
    private final String apiVersion;
    private final Cache<String, List<IssueTypeMeta>> issueTypes;
    private final Cache<String, Screen> screens;
    private final Cache<String, List<LinkType>> linkTypes;
    private final Caches.Loads loads = new Caches.Loads();

    JiraMetadata(JiraHttp http, String apiVersion, Clock clock, Duration ttl) {
        this.http = http;
        this.apiVersion = apiVersion;
        this.issueTypes = Caffeine.newBuilder()
                .ticker(Caches.ticker(clock))
                .expireAfterWrite(ttl)
                .maximumSize(500)
                .build();
        this.screens = Caffeine.newBuilder()
                .ticker(Caches.ticker(clock))
                .expireAfterWrite(ttl)
                .maximumSize(500)
                .build();
        this.linkTypes = Caffeine.newBuilder()
                .ticker(Caches.ticker(clock))
                .expireAfterWrite(ttl)
                .maximumSize(1)
                .build();
    }

    List<IssueTypeMeta> issueTypes(String project) throws TrackerException {
        return loads.get(issueTypes, project.toUpperCase(Locale.ROOT), p -> {
            List<IssueTypeMeta> types = new ArrayList<>();
            for (JsonNode t : pages(
                    http.api(apiVersion, "issue", "createmeta", p, "issuetypes").build())) {
                types.add(new IssueTypeMeta(
                        t.path("id").asText(),
                        t.path("name").asText(),
                        t.path("subtask").asBoolean(false)));
            }
            return List.copyOf(types);
        });
    }

    /** The issue type of a project by name, compared case-insensitively as Jira does. */
    Optional<IssueTypeMeta> issueType(String project, String name) throws TrackerException {
        return issueTypes(project).stream()
                .filter(t -> t.name().equalsIgnoreCase(name.strip()))
                .findFirst();
    }

    Screen screen(String project, IssueTypeMeta type) throws TrackerException {
        String key = project.toUpperCase(Locale.ROOT) + "/" + type.id();
        return loads.get(screens, key, k -> {
            Map<String, FieldMeta> fields = new LinkedHashMap<>();
            for (JsonNode f : pages(http.api(apiVersion, "issue", "createmeta", project, "issuetypes", type.id())
                    .build())) {
                String id = f.hasNonNull("fieldId")
                        ? f.path("fieldId").asText()
                        : f.path("key").asText();
                List<String> allowed = new ArrayList<>();
                for (JsonNode v : f.path("allowedValues")) {
                    if (v.hasNonNull("name")) {
                        allowed.add(v.path("name").asText());
                    } else if (v.hasNonNull("value")) {
                        allowed.add(v.path("value").asText());
                    }
                }
                fields.put(
                        id,
                        new FieldMeta(
                                id,
                                f.path("name").asText(id),
                                f.path("required").asBoolean(false),
                                f.path("hasDefaultValue").asBoolean(false),
                                List.copyOf(allowed)));
            }
            return new Screen(project, type, Map.copyOf(fields));
        });
    }

    List<LinkType> linkTypes() throws TrackerException {
        return loads.get(linkTypes, "all", k -> {
            List<LinkType> types = new ArrayList<>();
            for (JsonNode t : http.get(
                            Op.METADATA, http.api(apiVersion, "issueLinkType").build())
                    .path("issueLinkTypes")) {
                types.add(new LinkType(
                        t.path("id").asText(),
                        t.path("name").asText(),
                        t.path("inward").asText(),
                        t.path("outward").asText()));
            }
            return List.copyOf(types);
        });
    }

    /** A link type by name, case-insensitively; Jira answers an unknown name with a misleading 404. */
    Optional<LinkType> linkType(String name) throws TrackerException {
        return linkTypes().stream()
                .filter(t -> t.name().equalsIgnoreCase(name.strip()))
                .findFirst();
    }

    /**
     * All items of a paged createmeta listing. Cloud names the array {@code issueTypes} or
     * {@code fields}; Data Center names it {@code values}.
     */
    private List<JsonNode> pages(HttpUrl url) throws TrackerException {
        List<JsonNode> all = new ArrayList<>();
        int startAt = 0;
        while (true) {
            HttpUrl page = url.newBuilder()
                    .addQueryParameter("startAt", Integer.toString(startAt))
                    .addQueryParameter("maxResults", "200")
                    .build();
            JsonNode answer = http.get(Op.METADATA, page);
            JsonNode items = firstArray(answer, "issueTypes", "fields", "values", "results");
            items.forEach(all::add);
            startAt += items.size();
            boolean last = answer.path("isLast").asBoolean(false)
                    || items.isEmpty()
                    || (answer.has("total") && startAt >= answer.path("total").asInt());
            if (last) {
                return all;
            }
        }
    }

    private static JsonNode firstArray(JsonNode node, String... names) {
        for (String n : names) {
            if (node.path(n).isArray()) {
                return node.path(n);
            }
        }
        return JiraHttp.JSON.createArrayNode();
    }
}
