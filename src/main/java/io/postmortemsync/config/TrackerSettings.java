package io.postmortemsync.config;

import io.postmortemsync.config.TrackerConfig.AuthConfig;
import io.postmortemsync.config.TrackerConfig.Deployment;
import io.postmortemsync.config.TrackerConfig.TrackerType;
import io.postmortemsync.config.TrackerConfig.TypeRoute;
import io.postmortemsync.config.TrackerConfig.UserRef;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code /tracker}: the Jira site, its credentials, and how items become tickets. */
final class TrackerSettings {

    static final String DEFAULT_ISSUE_TYPE = "Task";
    static final String DEFAULT_INCIDENT_LINK = "Relates";
    static final List<String> DEFAULT_DEFERRED_RESOLUTIONS = List.of("Won't Do", "Won't Fix", "Duplicate");
    static final int DEFAULT_MAX_CONCURRENCY = 4;

    /** The canonical status texts only (not the document synonyms): the mapping should read unambiguously. */
    private static final Map<String, ItemStatus> CANONICAL_STATUSES = canonicalStatuses();

    /** Jira's project key rule (letters, digits, underscore; a letter first), case aside. */
    private static final Pattern PROJECT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private TrackerSettings() {}

    /** The offline tracker: what an absent {@code tracker} section means. */
    static TrackerConfig offline() {
        return new TrackerConfig(
                TrackerType.NONE,
                null,
                Deployment.AUTO,
                null,
                null,
                List.of(),
                defaultRoutes(),
                DEFAULT_INCIDENT_LINK,
                true,
                Map.of(),
                DEFAULT_DEFERRED_RESOLUTIONS,
                Map.of(),
                DEFAULT_MAX_CONCURRENCY);
    }

    static TrackerConfig read(Section tracker) {
        if (!tracker.isWritten()) {
            return offline();
        }
        // A tracker section that is written is there to talk to a tracker: jira unless it says none.
        Field typeField = tracker.field("type");
        TrackerType type = typeField.choice(TrackerType.JIRA, TrackerType.class);
        // With an unreadable type, "required for jira" messages would only be noise.
        boolean jira = type == TrackerType.JIRA && !typeField.hasProblem();
        Field urlField = tracker.field("url");
        URI url = url(urlField);
        if (jira && url == null && !urlField.hasProblem()) {
            urlField.problem("is required when /tracker/type is jira, e.g. https://acme.atlassian.net");
        }
        Deployment deployment = tracker.field("deployment").choice(Deployment.AUTO, Deployment.class);
        AuthConfig auth = auth(tracker.field("auth").section(), deployment, jira);
        if (jira
                && auth != null
                && url != null
                && url.getScheme().equalsIgnoreCase("http")
                && !Hosts.isLoopback(url.getHost())) {
            urlField.problem("would send the credentials unencrypted over http://: use https:// (plain http is"
                    + " accepted for localhost only)");
        }
        Field projectField = tracker.field("project");
        String project = projectKey(projectField);
        List<String> labels = labels(tracker.field("labels"));
        Map<ItemType, TypeRoute> types = routes(tracker.field("types").section());
        String incidentLink = tracker.field("incidentLink").string(DEFAULT_INCIDENT_LINK);
        boolean remoteLinks = tracker.field("remoteLinks").bool(true);
        Map<String, ItemStatus> statuses = statuses(tracker.field("statuses").section());
        List<String> deferred =
                tracker.field("deferredResolutions").strings(DEFAULT_DEFERRED_RESOLUTIONS, "[\"Won't Do\"]");
        Map<String, UserRef> users = users(tracker.field("users").section(), deployment);
        int maxConcurrency = tracker.field("maxConcurrency").integer(DEFAULT_MAX_CONCURRENCY, 1, 64);
        tracker.rejectUnknownKeys();

        if (jira) {
            if (project == null && !projectField.hasProblem()) {
                List<String> without = new ArrayList<>();
                for (ItemType t : ItemType.values()) {
                    if (types.get(t).project() == null) {
                        without.add(t.id());
                    }
                }
                if (!without.isEmpty()) {
                    projectField.problem(
                            "is required when /tracker/type is jira, unless every type names its own project"
                                    + " (/tracker/types/<type>/project is missing for: " + String.join(", ", without)
                                    + ")");
                }
            }
        }
        return new TrackerConfig(
                type,
                url,
                deployment,
                auth,
                project,
                labels,
                types,
                incidentLink,
                remoteLinks,
                statuses,
                deferred,
                users,
                maxConcurrency);
    }

    /** The site's base URL, without a trailing slash so that API paths can be appended. */
    private static URI url(Field field) {
        Optional<Text> text = field.text("an absolute http(s) URL");
        if (text.isEmpty()) {
            return null;
        }
        String expectation = "must be an absolute http(s) URL like https://acme.atlassian.net";
        try {
            URI uri = new URI(text.get().value().strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                field.problem(expectation + gotUrl(text.get()));
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                field.problem("must not hold credentials: put them under /tracker/auth");
                return null;
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                field.problem("must be the site's base URL, without ?query or #fragment" + gotUrl(text.get()));
                return null;
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            field.problem(expectation + gotUrl(text.get()));
            return null;
        }
    }

    private static String gotUrl(Text text) {
        return text.fromEnvironment() ? text.got() : " (got \"" + GitConfig.redactUrl(text.value()) + "\")";
    }

    /**
     * Cloud authenticates with email + API token (basic), Data Center with a personal access
     * token (bearer). Exactly one scheme: with both, which one the daemon used would depend on a
     * detection the user cannot see.
     */
    private static AuthConfig auth(Section auth, Deployment deployment, boolean jira) {
        Optional<String> email = auth.stringOrFile("email");
        Optional<Secret> apiToken = auth.secret("apiToken");
        Optional<Secret> token = auth.secret("token");
        auth.rejectUnknownKeys();
        boolean cloudScheme = email.isPresent() || apiToken.isPresent();
        boolean tokenScheme = token.isPresent();
        // A secret that could not be read was reported already; "required" would say it twice.
        if (jira && !auth.hasFieldProblems()) {
            switch (deployment) {
                case CLOUD -> {
                    if (tokenScheme) {
                        auth.problem(
                                "gives token, a Data Center personal access token, but /tracker/deployment is cloud:"
                                        + " Jira Cloud uses email + apiToken; use one scheme");
                    }
                    requireCloudPair(auth, email, apiToken, true);
                }
                case DATACENTER -> {
                    if (cloudScheme) {
                        auth.problem(
                                "gives email/apiToken, the Jira Cloud scheme, but /tracker/deployment is datacenter:"
                                        + " Data Center uses token (a personal access token); use one scheme");
                    } else if (!tokenScheme) {
                        auth.field("token")
                                .problem("is required for Jira Data Center (a personal access token; or tokenFile)");
                    }
                }
                case AUTO -> {
                    if (cloudScheme && tokenScheme) {
                        auth.problem(
                                "gives both email + apiToken (Jira Cloud) and token (Data Center): use one scheme");
                    } else if (cloudScheme) {
                        requireCloudPair(auth, email, apiToken, false);
                    } else if (!tokenScheme) {
                        auth.problem("is required when /tracker/type is jira:"
                                + " email + apiToken for Jira Cloud, or token for Data Center");
                    }
                }
            }
        }
        if (!cloudScheme && !tokenScheme) {
            return null;
        }
        return new AuthConfig(email.orElse(null), apiToken.orElse(null), token.orElse(null));
    }

    private static void requireCloudPair(
            Section auth, Optional<String> email, Optional<Secret> apiToken, boolean cloud) {
        String forWhat = cloud ? "for Jira Cloud" : "with " + (email.isPresent() ? "email" : "apiToken");
        if (email.isEmpty()) {
            auth.field("email").problem("is required " + forWhat + " (the Atlassian account the API token belongs to)");
        }
        if (apiToken.isEmpty()) {
            auth.field("apiToken").problem("is required " + forWhat + " (or apiTokenFile)");
        }
    }

    private static String projectKey(Field field) {
        Optional<String> key = field.string();
        if (key.isPresent() && !PROJECT_KEY.matcher(key.get()).matches()) {
            field.problem("must be a Jira project key like OPS (got \"" + key.get() + "\")");
            return null;
        }
        return key.orElse(null);
    }

    /** Jira labels are single words: a space would split one label into two. */
    private static List<String> labels(Field field) {
        List<String> labels = field.strings(List.of(), "[postmortem]");
        List<String> valid = new ArrayList<>();
        for (String label : labels) {
            if (label.chars().anyMatch(Character::isWhitespace)) {
                field.problem("has \"" + label + "\", but Jira labels cannot contain spaces");
            } else if (label.length() > 255) {
                field.problem("has a label longer than 255 characters, Jira's limit");
            } else {
                valid.add(label);
            }
        }
        return valid;
    }

    static Map<ItemType, TypeRoute> defaultRoutes() {
        Map<ItemType, TypeRoute> routes = new EnumMap<>(ItemType.class);
        for (ItemType t : ItemType.values()) {
            routes.put(t, new TypeRoute(DEFAULT_ISSUE_TYPE, null, List.of(), null));
        }
        return routes;
    }

    /** Every type gets a route, so that issueType always has its default (Task). */
    private static Map<ItemType, TypeRoute> routes(Section types) {
        Map<ItemType, TypeRoute> routes = defaultRoutes();
        for (Map.Entry<String, Field> entry : types.entries().entrySet()) {
            Field field = entry.getValue();
            ItemType type = switch (entry.getKey()) {
                case "prevent" -> ItemType.PREVENT;
                case "detect" -> ItemType.DETECT;
                case "respond" -> ItemType.RESPOND;
                default -> null;
            };
            if (type == null) {
                field.problem("is not an item type: the types are prevent, detect and respond");
                continue;
            }
            Section route = field.section();
            String issueType = route.field("issueType").string(DEFAULT_ISSUE_TYPE);
            String project = projectKey(route.field("project"));
            List<String> labels = labels(route.field("labels"));
            String priority = route.field("priority").string().orElse(null);
            route.rejectUnknownKeys();
            routes.put(type, new TypeRoute(issueType, project, labels, priority));
        }
        return routes;
    }

    /** Jira status name to item status; names compare case-insensitively, as StatusMapping does. */
    private static Map<String, ItemStatus> statuses(Section statuses) {
        Map<String, ItemStatus> result = new LinkedHashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (Map.Entry<String, Field> entry : statuses.entries().entrySet()) {
            String name = entry.getKey().strip();
            Field field = entry.getValue();
            Optional<Text> text = field.text("one of: " + ItemStatus.allowedWords());
            if (text.isEmpty()) {
                if (!field.isWritten()) {
                    field.problem("needs a status: one of " + ItemStatus.allowedWords());
                }
                continue;
            }
            ItemStatus status = CANONICAL_STATUSES.get(
                    text.get().value().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
            if (status == null) {
                field.problem("must be one of: " + ItemStatus.allowedWords()
                        + text.get().got());
                continue;
            }
            String folded = name.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
            String earlier = seen.putIfAbsent(folded, name);
            if (earlier != null) {
                field.problem(
                        "names the same Jira status as \"" + earlier + "\" (status names are compared ignoring case)");
                continue;
            }
            result.put(name, status);
        }
        return result;
    }

    private static Map<String, ItemStatus> canonicalStatuses() {
        Map<String, ItemStatus> statuses = new HashMap<>();
        for (ItemStatus status : ItemStatus.values()) {
            statuses.put(status.text().toLowerCase(Locale.ROOT), status);
        }
        return Map.copyOf(statuses);
    }

    /** Owner as written to a tracker user; Cloud knows users by accountId, Data Center by name. */
    private static Map<String, UserRef> users(Section users, Deployment deployment) {
        Map<String, UserRef> result = new LinkedHashMap<>();
        for (Map.Entry<String, Field> entry : users.entries().entrySet()) {
            Field field = entry.getValue();
            if (!field.isWritten()) {
                field.problem("needs accountId (Jira Cloud) or name (Data Center)");
                continue;
            }
            Section user = field.section();
            if (!user.isWritten()) {
                continue; // not a mapping: reported
            }
            String accountId = user.field("accountId").string().orElse(null);
            String name = user.field("name").string().orElse(null);
            user.rejectUnknownKeys();
            if (accountId == null && name == null) {
                field.problem("needs accountId (Jira Cloud) or name (Data Center)");
                continue;
            }
            if (deployment == Deployment.CLOUD && accountId == null) {
                field.problem("needs accountId: Jira Cloud identifies users by account id only");
                continue;
            }
            if (deployment == Deployment.DATACENTER && name == null) {
                field.problem("needs name: Jira Data Center identifies users by user name");
                continue;
            }
            result.put(entry.getKey(), new UserRef(accountId, name));
        }
        return result;
    }
}
