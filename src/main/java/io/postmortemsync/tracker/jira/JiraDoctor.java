package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.postmortemsync.config.Config;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.config.TrackerConfig.TypeRoute;
import io.postmortemsync.config.TrackerConfig.UserRef;
import io.postmortemsync.doctor.CheckProvider;
import io.postmortemsync.doctor.CheckResult;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.tracker.Tracker.Deployment;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The {@code doctor} checks for Jira, in the order a person would debug a connection: the URL
 * answers, it is the product the configuration says, the credentials work, then everything the
 * daemon will use: each project (and the permissions in it), each issue type and its create
 * screen, the incident link type, each mapped user. A check that makes later ones meaningless
 * (unreachable, credentials rejected) ends the list.
 */
public final class JiraDoctor implements CheckProvider {

    private final Clock clock;
    private final JiraTracker.Tuning tuning;

    public JiraDoctor(Clock clock, JiraTracker.Tuning tuning) {
        this.clock = clock;
        this.tuning = tuning;
    }

    /** Production settings, with fewer retries: a person is waiting for the answer. */
    public static JiraDoctor standard() {
        return new JiraDoctor(Clock.systemUTC(), JiraTracker.Tuning.defaults().withMaxAttempts(2));
    }

    @Override
    public List<CheckResult> check(Config config) {
        TrackerConfig t = config.tracker();
        if (t.isOffline()) {
            return List.of(CheckResult.pass(
                    "Tracker", "tracker.type is none: the daemon runs without Jira, nothing to check"));
        }
        List<CheckResult> out = new ArrayList<>();
        JiraTracker tracker;
        try {
            tracker = JiraTracker.create(t, TrackerRequestObserver.NONE, clock, tuning);
        } catch (IllegalArgumentException e) {
            out.add(CheckResult.fail(
                    "Jira configuration", e.getMessage(), "complete the tracker section of the configuration file"));
            return out;
        }
        try (tracker) {
            new Run(tracker, t, out).all();
        }
        return out;
    }

    /** One doctor run against one Jira. */
    private static final class Run {
        private final JiraTracker tracker;
        private final JiraHttp http;
        private final TrackerConfig t;
        private final List<CheckResult> out;

        Run(JiraTracker tracker, TrackerConfig t, List<CheckResult> out) {
            this.tracker = tracker;
            this.http = tracker.http();
            this.t = t;
            this.out = out;
        }

        void all() {
            Optional<Deployment> deployment = reachableAndDeployment();
            if (deployment.isEmpty()) {
                return;
            }
            tracker.useDeployment(deployment.get());
            if (!credentials(deployment.get())) {
                return;
            }
            Set<String> projects = projects();
            for (String project : projects) {
                if (project(project)) {
                    permissions(project);
                }
            }
            for (Map.Entry<String, List<ItemType>> route : routes().entrySet()) {
                issueTypeAndScreen(route.getKey(), route.getValue());
            }
            linkType();
            users(deployment.get());
        }

        private Optional<Deployment> reachableAndDeployment() {
            HttpUrl url = http.api("2", "serverInfo").build();
            String name = "Jira reachable";
            JiraAnswer answer;
            try {
                answer = http.exchange(Op.SERVER_INFO, "GET", url, null, true);
            } catch (TrackerException e) {
                out.add(CheckResult.fail(
                        name,
                        e.getMessage(),
                        "check tracker.url (" + http.base()
                                + "), DNS, proxy and firewall: the daemon needs HTTPS access to Jira"));
                return Optional.empty();
            }
            if (answer.code() == 404 || (answer.code() >= 300 && answer.code() < 400)) {
                out.add(
                        CheckResult.fail(
                                name,
                                http.failure(Op.SERVER_INFO, url, "GET", answer).getMessage(),
                                "set tracker.url to the Jira base URL, e.g. https://acme.atlassian.net or, with a context path, https://jira.example.com/jira"));
                return Optional.empty();
            }
            if (answer.code() >= 500) {
                out.add(CheckResult.fail(
                        name,
                        http.failure(Op.SERVER_INFO, url, "GET", answer).getMessage(),
                        "Jira is answering with server errors: try again later or ask its administrators"));
                return Optional.empty();
            }
            TrackerConfig.Deployment configured =
                    t.deployment() == null ? TrackerConfig.Deployment.AUTO : t.deployment();
            if (!answer.ok()) {
                // Reachable, but it would not say what it is (usually 401: bad credentials).
                out.add(CheckResult.pass(name, http.base() + " answered (HTTP " + answer.code() + " for server info)"));
                if (configured == TrackerConfig.Deployment.AUTO) {
                    out.add(
                            CheckResult.fail(
                                    "Deployment detected",
                                    "Jira did not tell which product it is (HTTP " + answer.code() + ")",
                                    "fix the credentials first (see the next check), or set tracker.deployment to cloud or datacenter"));
                    credentials(null);
                    return Optional.empty();
                }
                return Optional.of(
                        configured == TrackerConfig.Deployment.CLOUD ? Deployment.CLOUD : Deployment.DATACENTER);
            }
            JsonNode info = answer.json();
            Deployment detected = JiraTracker.detect(info);
            String product = (detected == Deployment.CLOUD ? "Jira Cloud" : "Jira Data Center / Server") + " "
                    + info.path("version").asText("");
            out.add(CheckResult.pass(name, http.base() + " answers: " + product.strip()));
            if (configured != TrackerConfig.Deployment.AUTO
                    && (configured == TrackerConfig.Deployment.CLOUD) != (detected == Deployment.CLOUD)) {
                out.add(CheckResult.fail(
                        "Deployment detected",
                        "tracker.deployment is " + configured.name().toLowerCase(java.util.Locale.ROOT)
                                + " but the server reports deploymentType \""
                                + info.path("deploymentType").asText("") + "\"",
                        "set tracker.deployment to auto (or to "
                                + (detected == Deployment.CLOUD ? "cloud" : "datacenter") + ")"));
                return Optional.empty();
            }
            out.add(CheckResult.pass(
                    "Deployment detected",
                    (detected == Deployment.CLOUD
                                    ? "Jira Cloud: REST v3, ADF descriptions, account ids"
                                    : "Jira Data Center / Server: REST v2, wiki-markup descriptions, user names")
                            + (configured == TrackerConfig.Deployment.AUTO ? " (tracker.deployment: auto)" : "")));
            return Optional.of(detected);
        }

        private boolean credentials(Deployment deployment) {
            String name = "Credentials accepted";
            HeaderInterceptors.Scheme scheme = http.scheme();
            if (deployment == Deployment.CLOUD && scheme == HeaderInterceptors.Scheme.BEARER) {
                out.add(
                        CheckResult.fail(
                                name,
                                "Jira Cloud does not accept a personal access token (tracker.auth.token)",
                                "set tracker.auth.email and tracker.auth.apiToken (an API token from https://id.atlassian.com/manage-profile/security/api-tokens)"));
                return false;
            }
            String version = deployment == Deployment.CLOUD ? "3" : "2";
            try {
                JsonNode me = http.get(Op.USER, http.api(version, "myself").build());
                String who = me.path("displayName").asText("?");
                String email = me.path("emailAddress").asText("");
                String id = deployment == Deployment.CLOUD
                        ? me.path("accountId").asText("")
                        : me.path("name").asText("");
                out.add(CheckResult.pass(
                        name,
                        "authenticated as " + who + (email.isEmpty() ? "" : " <" + email + ">")
                                + (id.isEmpty()
                                        ? ""
                                        : " (" + (deployment == Deployment.CLOUD ? "account id " : "user ") + id
                                                + ")")));
                if (deployment == Deployment.DATACENTER && scheme == HeaderInterceptors.Scheme.BASIC) {
                    out.add(
                            CheckResult.warn(
                                    "Credential scheme",
                                    "Data Center is used with user name + password (basic)",
                                    "prefer a personal access token (tracker.auth.token): failed basic logins lock the account behind a CAPTCHA"));
                }
                return true;
            } catch (TrackerException e) {
                out.add(CheckResult.fail(
                        name,
                        e.getMessage(),
                        e.kind() == TrackerException.Kind.PERMISSION
                                ? JiraErrors.credentialsFix(scheme)
                                : "fix the problem above, then run doctor again"));
                return false;
            }
        }

        private Set<String> projects() {
            Set<String> projects = new LinkedHashSet<>();
            if (t.project() != null && !t.project().isBlank()) {
                projects.add(t.project().strip());
            }
            for (ItemType type : ItemType.values()) {
                String p = t.route(type).projectOr(t.project());
                if (p == null || p.isBlank()) {
                    out.add(CheckResult.fail(
                            "Project for " + type.id() + " items",
                            "no project configured",
                            "set tracker.project, or tracker.types." + type.id() + ".project"));
                } else {
                    projects.add(p.strip());
                }
            }
            return projects;
        }

        private boolean project(String key) {
            String name = "Project " + key;
            try {
                JsonNode p = http.get(
                        Op.METADATA,
                        http.api(tracker.dialect().apiVersion(), "project", key).build());
                String style = p.path("simplified").asBoolean(false) ? " (team-managed)" : "";
                out.add(CheckResult.pass(name, p.path("name").asText(key) + style));
                return true;
            } catch (TrackerException e) {
                out.add(CheckResult.fail(
                        name,
                        e.getMessage(),
                        e.kind() == TrackerException.Kind.NOT_FOUND
                                ? "check the project key in tracker.project / tracker.types.*.project, and that the configured user may browse it"
                                : "fix the problem above, then run doctor again"));
                return false;
            }
        }

        private void permissions(String project) {
            String name = "Permissions in " + project;
            boolean wantsLinks = (t.incidentLink() != null && !t.incidentLink().isBlank()) || t.remoteLinks();
            try {
                HttpUrl url = http.api(tracker.dialect().apiVersion(), "mypermissions")
                        .addQueryParameter("projectKey", project)
                        .addQueryParameter("permissions", "BROWSE_PROJECTS,CREATE_ISSUES,ASSIGN_ISSUES,LINK_ISSUES")
                        .build();
                JsonNode perms = http.get(Op.METADATA, url).path("permissions");
                List<String> missingRequired = new ArrayList<>();
                List<String> missingOptional = new ArrayList<>();
                for (String p : List.of("BROWSE_PROJECTS", "CREATE_ISSUES")) {
                    if (!perms.path(p).path("havePermission").asBoolean(false)) {
                        missingRequired.add(p);
                    }
                }
                if (!perms.path("ASSIGN_ISSUES").path("havePermission").asBoolean(false)) {
                    missingOptional.add("ASSIGN_ISSUES (tickets of owners who are Jira users cannot be assigned)");
                }
                if (wantsLinks
                        && !perms.path("LINK_ISSUES").path("havePermission").asBoolean(false)) {
                    missingOptional.add("LINK_ISSUES (incident links and document links will fail)");
                }
                if (!missingRequired.isEmpty()) {
                    out.add(CheckResult.fail(
                            name,
                            "the configured user lacks " + String.join(", ", missingRequired),
                            "grant the user Browse Projects and Create Issues in " + project + "'s permission scheme"));
                } else if (!missingOptional.isEmpty()) {
                    out.add(CheckResult.warn(
                            name,
                            "the configured user lacks " + String.join("; ", missingOptional),
                            "grant the missing permissions in " + project + "'s permission scheme"));
                } else {
                    out.add(CheckResult.pass(name, "browse, create, assign" + (wantsLinks ? ", link" : "")));
                }
            } catch (TrackerException e) {
                out.add(CheckResult.fail(name, e.getMessage(), "fix the problem above, then run doctor again"));
            }
        }

        /** (project + issue type) -> the item types routed there. */
        private Map<String, List<ItemType>> routes() {
            Map<String, List<ItemType>> routes = new LinkedHashMap<>();
            for (ItemType type : ItemType.values()) {
                TypeRoute route = t.route(type);
                String project = route.projectOr(t.project());
                if (project == null || project.isBlank()) {
                    continue;
                }
                String issueType = route.issueType() == null ? TicketPreparer.DEFAULT_ISSUE_TYPE : route.issueType();
                routes.computeIfAbsent(project.strip() + "\u0000" + issueType.strip(), k -> new ArrayList<>())
                        .add(type);
            }
            return routes;
        }

        private void issueTypeAndScreen(String routeKey, List<ItemType> types) {
            String project = routeKey.substring(0, routeKey.indexOf('\u0000'));
            String issueType = routeKey.substring(routeKey.indexOf('\u0000') + 1);
            String keys = String.join(
                    ", ",
                    types.stream()
                            .map(x -> "tracker.types." + x.id() + ".issueType")
                            .toList());
            String name = "Issue type " + issueType + " in " + project;
            JiraMetadata.Screen screen;
            try {
                JiraMetadata metadata = tracker.metadata();
                Optional<JiraMetadata.IssueTypeMeta> meta = metadata.issueType(project, issueType);
                if (meta.isEmpty()) {
                    List<String> names = metadata.issueTypes(project).stream()
                            .map(JiraMetadata.IssueTypeMeta::name)
                            .toList();
                    out.add(CheckResult.fail(
                            name,
                            "no such issue type in " + project + " (available: " + String.join(", ", names) + ")",
                            "set " + keys + " to one of the available types"));
                    return;
                }
                out.add(CheckResult.pass(
                        name,
                        "used for "
                                + String.join(
                                        ", ", types.stream().map(ItemType::id).toList()) + " items"));
                screen = metadata.screen(project, meta.get());
            } catch (TrackerException e) {
                out.add(CheckResult.fail(
                        name, e.getMessage(), "check that the configured user may create issues in " + project));
                return;
            }
            screenFields(project + "/" + screen.issueType().name(), screen, types);
            requiredFields(project + "/" + screen.issueType().name(), screen);
        }

        private void screenFields(String where, JiraMetadata.Screen screen, List<ItemType> types) {
            String name = "Create screen " + where;
            List<String> fails = new ArrayList<>();
            List<String> warns = new ArrayList<>();
            List<String> present = new ArrayList<>();
            if (screen.has("labels")) {
                present.add("labels");
            } else {
                fails.add("no Labels field (postmortem-sync finds its tickets by label)");
            }
            if (screen.has("duedate")) {
                present.add("duedate");
            } else {
                warns.add("no Due date field (due dates stay in the description only)");
            }
            if (screen.has("assignee")) {
                present.add("assignee");
            } else {
                warns.add("no Assignee field (tickets stay unassigned)");
            }
            for (ItemType type : types) {
                String priority = t.route(type).priority();
                if (priority == null || priority.isBlank()) {
                    continue;
                }
                if (!screen.has("priority")) {
                    warns.add(
                            "no Priority field (tracker.types." + type.id() + ".priority " + priority + " is not set)");
                } else {
                    List<String> allowed = screen.fields().get("priority").allowed();
                    if (!allowed.isEmpty() && allowed.stream().noneMatch(p -> p.equalsIgnoreCase(priority.strip()))) {
                        fails.add("priority \"" + priority + "\" (tracker.types." + type.id()
                                + ".priority) is not one of " + String.join(", ", allowed));
                    } else if (!present.contains("priority")) {
                        present.add("priority");
                    }
                }
            }
            if (!fails.isEmpty()) {
                List<String> all = new ArrayList<>(fails);
                all.addAll(warns);
                out.add(CheckResult.fail(
                        name,
                        String.join("; ", all),
                        "add the missing fields to the create screen of " + where
                                + " (Project settings > Issue types / Screens), or fix the configured values"));
            } else if (!warns.isEmpty()) {
                out.add(CheckResult.warn(
                        name, String.join("; ", warns), "add the missing fields to the create screen of " + where));
            } else {
                out.add(CheckResult.pass(name, "has " + String.join(", ", present)));
            }
        }

        private void requiredFields(String where, JiraMetadata.Screen screen) {
            String name = "Required fields on " + where;
            List<String> blocking = screen.fields().values().stream()
                    .filter(f -> f.required() && !f.hasDefault() && !TicketPreparer.FILLED.contains(f.id()))
                    .map(f -> f.name() + " (" + f.id() + ")")
                    .toList();
            if (blocking.isEmpty()) {
                out.add(CheckResult.pass(name, "postmortem-sync fills every required field"));
            } else {
                out.add(CheckResult.fail(
                        name,
                        "required, without a default, and not filled by postmortem-sync: "
                                + String.join(", ", blocking),
                        "make these fields optional or give them a default value for " + where));
            }
        }

        private void linkType() {
            String wanted = t.incidentLink();
            if (wanted == null || wanted.isBlank()) {
                return;
            }
            String name = "Link type " + wanted;
            try {
                JiraMetadata metadata = tracker.metadata();
                Optional<JiraMetadata.LinkType> type = metadata.linkType(wanted);
                if (type.isPresent()) {
                    out.add(CheckResult.pass(
                            name,
                            "\"" + type.get().outward() + "\" / \"" + type.get().inward() + "\""));
                } else {
                    List<String> names = metadata.linkTypes().stream()
                            .map(JiraMetadata.LinkType::name)
                            .toList();
                    out.add(CheckResult.fail(
                            name,
                            "no such issue link type (available: " + String.join(", ", names) + ")",
                            "set tracker.incidentLink to one of the available link types"));
                }
            } catch (TrackerException e) {
                out.add(CheckResult.fail(
                        name,
                        e.getMessage(),
                        e.kind() == TrackerException.Kind.NOT_FOUND
                                ? "issue linking is disabled in this Jira: enable it (Administration > Issues > Issue linking) or remove tracker.incidentLink"
                                : "fix the problem above, then run doctor again"));
            }
        }

        private void users(Deployment deployment) {
            if (t.users().isEmpty()) {
                out.add(CheckResult.pass(
                        "Users",
                        "none mapped in tracker.users; owners are matched "
                                + (deployment == Deployment.CLOUD
                                        ? "by exact e-mail address"
                                        : "by user name or exact e-mail address")));
                return;
            }
            for (Map.Entry<String, UserRef> e : new java.util.TreeMap<>(t.users()).entrySet()) {
                user(deployment, e.getKey(), e.getValue());
            }
        }

        private void user(Deployment deployment, String owner, UserRef ref) {
            String name = "User " + owner;
            String key = "tracker.users.\"" + owner + "\"";
            boolean cloud = deployment == Deployment.CLOUD;
            String id = cloud ? ref.accountId() : ref.name();
            if (id == null || id.isBlank()) {
                out.add(CheckResult.fail(
                        name,
                        "no " + (cloud ? "accountId" : "name") + " given",
                        "set " + key
                                + (cloud
                                        ? ".accountId (Jira Cloud knows people by account id)"
                                        : ".name (the Jira user name)")));
                return;
            }
            HttpUrl url = cloud
                    ? http.api("3", "user").addQueryParameter("accountId", id).build()
                    : http.api("2", "user").addQueryParameter("username", id).build();
            try {
                JsonNode user = http.get(Op.USER, url);
                if (!user.path("active").asBoolean(true)) {
                    out.add(CheckResult.fail(
                            name,
                            user.path("displayName").asText(id) + " is deactivated and cannot be assigned",
                            "map " + key + " to an active user"));
                } else {
                    out.add(CheckResult.pass(
                            name, "-> " + user.path("displayName").asText(id)));
                }
            } catch (TrackerException ex) {
                out.add(CheckResult.fail(
                        name,
                        ex.getMessage(),
                        ex.kind() == TrackerException.Kind.NOT_FOUND
                                ? "no Jira user has " + (cloud ? "account id " : "user name ") + id + ": fix " + key
                                : "fix the problem above, then run doctor again"));
            }
        }
    }
}
