package io.postmortemsync.config;

import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The issue tracker. With {@code type} NONE the daemon runs offline: no tracker calls at all.
 *
 * @param url base URL of the Jira site, e.g. https://acme.atlassian.net
 * @param project default project key
 * @param labels labels put on every ticket (besides postmortem-sync and pmsync-key)
 * @param types routing of each item type (project, issue type, labels, priority)
 * @param incidentLink issue link type to the incident ticket, e.g. "Relates"
 * @param remoteLinks whether each ticket gets a web link to its document
 * @param statuses Jira status name to item status; wins over the status category
 * @param deferredResolutions resolutions that make a done ticket Deferred rather than Completed
 * @param users owner as written in documents to the tracker user
 * @param maxConcurrency requests in flight at most
 */
public record TrackerConfig(
        TrackerType type,
        URI url,
        Deployment deployment,
        AuthConfig auth,
        String project,
        List<String> labels,
        Map<ItemType, TypeRoute> types,
        String incidentLink,
        boolean remoteLinks,
        Map<String, ItemStatus> statuses,
        List<String> deferredResolutions,
        Map<String, UserRef> users,
        int maxConcurrency) {

    public enum TrackerType {
        JIRA,
        NONE
    }

    public enum Deployment {
        AUTO,
        CLOUD,
        DATACENTER
    }

    /**
     * Credentials: Cloud uses email + API token (basic), Data Center a personal access token
     * (bearer). Exactly one scheme is configured.
     */
    public record AuthConfig(String email, Secret apiToken, Secret token) {}

    /** How items of one type become tickets; null fields fall back to the tracker defaults. */
    public record TypeRoute(String issueType, String project, List<String> labels, String priority) {
        public TypeRoute {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }

        /** The project for this type: its own, else the tracker's default. */
        public String projectOr(String defaultProject) {
            return project != null ? project : defaultProject;
        }
    }

    /** A tracker user: {@code accountId} on Cloud, {@code name} on Data Center. */
    public record UserRef(String accountId, String name) {}

    public TrackerConfig {
        labels = labels == null ? List.of() : List.copyOf(labels);
        types = types == null ? Map.of() : Map.copyOf(types);
        statuses = statuses == null ? Map.of() : Map.copyOf(statuses);
        deferredResolutions = deferredResolutions == null ? List.of() : List.copyOf(deferredResolutions);
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    public boolean isOffline() {
        return type == TrackerType.NONE;
    }

    /** The route for a type; an empty route (all defaults) when the type is not configured. */
    public TypeRoute route(ItemType type) {
        return types.getOrDefault(type, new TypeRoute(null, null, List.of(), null));
    }
}
