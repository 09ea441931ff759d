package io.postmortemsync.fakejira;

import com.fasterxml.jackson.databind.JsonNode;
import io.postmortemsync.config.Secret;
import io.postmortemsync.config.TrackerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A stateful fake Jira (Cloud or Data Center) on a MockWebServer, for tests of anything that talks
 * to Jira through the adapter. It keeps projects, issue types, create screens, users, issues (with
 * labels, status and category, resolution, due date, assignee, links, remote links, moves), link
 * types and statuses; understands the JQL the adapter sends; pages like the real product; and
 * injects faults on demand.
 *
 * <p>It answers as Jira does, not as the adapter would like: in Cloud mode every request is
 * checked against Atlassian's OpenAPI document and every successful answer the fake gives too;
 * the removed {@code /rest/api/{2,3}/search} answers 410. Anything off-spec is recorded as a
 * violation: call {@link #assertNoViolations()} after each test (or use {@link FakeJiraExtension}).
 *
 * <p>Seeded on start: project OPS "Operations" with issue types Task, Bug, Sub-task; create
 * screens with summary, description, labels, due date, priority, assignee; priorities Highest to
 * Lowest; statuses To Do / In Progress / In Review / Done; resolutions Done, Won't Do, Duplicate;
 * link types Relates, Blocks, Duplicate; the authenticated user with every permission and the time
 * zone Europe/Berlin (not UTC, on purpose: JQL dates are read in the user's zone).
 */
public final class FakeJira implements AutoCloseable {

    public enum Mode {
        CLOUD,
        DATACENTER
    }

    /** A Jira user. {@code id} is the account id on Cloud and the user name on Data Center. */
    public record FakeUser(
            String id, String displayName, String email, boolean emailVisible, boolean active, String timeZone) {
        public static FakeUser of(String id, String displayName, String email) {
            return new FakeUser(id, displayName, email, true, true, "Europe/Berlin");
        }

        public FakeUser hidingEmail() {
            return new FakeUser(id, displayName, email, false, active, timeZone);
        }

        public FakeUser deactivated() {
            return new FakeUser(id, displayName, email, emailVisible, false, timeZone);
        }
    }

    /**
     * One request as received, with its answer's status (0 when the connection was dropped) and,
     * for benchmarks' timelines, when the fake started handling it and when its answer was ready
     * ({@link System#nanoTime()}; the configured {@link #latency} comes after that).
     */
    public record LoggedRequest(
            Operation operation,
            String method,
            String path,
            String query,
            Headers headers,
            String body,
            int status,
            long receivedNanos,
            long answeredNanos) {}

    record IssueTypeDef(String id, String name, boolean subtask) {}

    record ScreenField(
            String id, String name, boolean required, boolean hasDefault, String schemaType, String system) {}

    static final class ProjectDef {
        final String id;
        final String key;
        final String name;
        final boolean teamManaged;
        final Map<String, IssueTypeDef> issueTypes = new LinkedHashMap<>();
        final Map<String, Map<String, ScreenField>> screens = new LinkedHashMap<>();
        final Set<String> permissions = new LinkedHashSet<>();
        int nextNumber = 1;

        ProjectDef(String id, String key, String name, boolean teamManaged) {
            this.id = id;
            this.key = key;
            this.name = name;
            this.teamManaged = teamManaged;
        }
    }

    record LinkTypeDef(String id, String name, String inward, String outward) {}

    record StatusDef(String id, String name, String categoryKey) {}

    record LinkDef(long id, String typeId, long inwardIssueId, long outwardIssueId) {}

    static final List<String> ALL_PERMISSIONS =
            List.of("BROWSE_PROJECTS", "CREATE_ISSUES", "ASSIGN_ISSUES", "LINK_ISSUES", "EDIT_ISSUES");

    final Object lock = new Object();
    final Mode mode;
    final Clock clock;
    final String contextPath;
    final MockWebServer server;
    /** Cloud: how many requests, and how many answers, of each operation are checked against the OpenAPI document. */
    final int openApiChecksPerOperation;

    private final Map<Operation, java.util.concurrent.atomic.AtomicInteger> requestsChecked =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Operation, java.util.concurrent.atomic.AtomicInteger> answersChecked =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final URI url;
    private final HttpUrl baseUrl;
    final String email = "bot@example.com";
    final Secret apiToken = Secret.of("cloud-api-token-" + Long.toHexString(Double.doubleToLongBits(Math.random())));
    final Secret pat = Secret.of("dc-pat-" + Long.toHexString(Double.doubleToLongBits(Math.random())));
    /** Data Center also takes user name + password as basic auth (Cloud does not: it wants API tokens). */
    final Secret dcPassword = Secret.of("dc-password-" + Long.toHexString(Double.doubleToLongBits(Math.random())));

    FakeUser me;
    final Map<String, ProjectDef> projects = new LinkedHashMap<>();
    final Map<String, FakeUser> users = new LinkedHashMap<>();
    final Map<String, LinkTypeDef> linkTypes = new LinkedHashMap<>();
    final Map<String, StatusDef> statuses = new LinkedHashMap<>();
    final List<String> priorities = new ArrayList<>(List.of("Highest", "High", "Medium", "Low", "Lowest"));
    final List<String> resolutions = new ArrayList<>(List.of("Done", "Won't Do", "Duplicate"));
    final Map<Long, FakeIssue> issues = new TreeMap<>();
    /** Every key an issue has or had (upper case), so a lookup by key is not a scan of all issues. */
    final Map<String, FakeIssue> issuesByKey = new java.util.HashMap<>();

    final Map<Long, FakeIssue> index = new TreeMap<>();
    final List<LinkDef> links = new ArrayList<>();
    boolean searchLag;
    boolean issueLinking = true;
    long nextIssueId = 10_000;
    long nextLinkId = 20_000;
    long nextRemoteLinkId = 30_000;
    int nextProjectId = 10_000;
    int searchPageLimit;
    Duration latency = Duration.ZERO;
    final Map<Operation, Deque<Fault>> faults = new EnumMap<>(Operation.class);
    final List<LoggedRequest> log = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Map<Operation, CountDownLatch> gates = new EnumMap<>(Operation.class);
    int inFlight;
    int maxInFlight;

    private FakeJira(Mode mode, Clock clock, String contextPath, int openApiChecksPerOperation) {
        this.mode = mode;
        this.clock = clock;
        this.contextPath = contextPath;
        this.openApiChecksPerOperation = openApiChecksPerOperation;
        this.searchPageLimit = mode == Mode.CLOUD ? 100 : 1000;
        this.me = mode == Mode.CLOUD
                ? new FakeUser("557058:0f0e0d0c-bot", "postmortem-sync bot", email, true, true, "Europe/Berlin")
                : new FakeUser("pmsync", "postmortem-sync bot", email, true, true, "Europe/Berlin");
        users.put(me.id(), me);
        seed();
        this.server = new MockWebServer();
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.setDispatcher(new FakeJiraDispatcher(this));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Fixed once started; answers name it in every "self" link, so it is worked out once.
        this.url = server.url(contextPath.isEmpty() ? "/" : contextPath).uri();
        this.baseUrl = HttpUrl.get(url);
        if (mode == Mode.CLOUD) {
            OpenApiCheck.warmUp();
        }
    }

    public static FakeJira start(Mode mode) {
        return builder(mode).start();
    }

    public static Builder builder(Mode mode) {
        return new Builder(mode);
    }

    public static final class Builder {
        private final Mode mode;
        private Clock clock = Clock.systemUTC();
        private String contextPath = "";
        private int openApiChecksPerOperation = Integer.MAX_VALUE;

        private Builder(Mode mode) {
            this.mode = mode;
        }

        /** The clock for created/updated times (a {@link TestClock} lets tests move time). */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Serve under a context path, as many Data Center sites do ({@code /jira}). */
        public Builder contextPath(String path) {
            this.contextPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return this;
        }

        /**
         * Cloud mode: check only the first {@code n} requests and the first {@code n} answers of each
         * operation against the OpenAPI document, not every one. For benchmarks that measure the
         * client rather than the validator (checking one bulk create of 50 issues costs the fake
         * about 10 ms of CPU); the shapes a client sends are still checked. Tests keep the default,
         * which checks every request and answer.
         */
        public Builder openApiChecksPerOperation(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one request of each operation is checked, got " + n);
            }
            this.openApiChecksPerOperation = n;
            return this;
        }

        public FakeJira start() {
            return new FakeJira(mode, clock, contextPath, openApiChecksPerOperation);
        }
    }

    private void seed() {
        status("To Do", "new");
        status("In Progress", "indeterminate");
        status("In Review", "indeterminate");
        status("Done", "done");
        linkType("Relates", "relates to", "relates to");
        linkType("Blocks", "is blocked by", "blocks");
        linkType("Duplicate", "is duplicated by", "duplicates");
        project("OPS", "Operations");
    }

    // ---------------------------------------------------------------------------------------------
    // Connection details

    public Mode mode() {
        return mode;
    }

    /** The site's base URL, e.g. {@code http://127.0.0.1:54321} or {@code .../jira}. */
    public URI url() {
        return url;
    }

    /** Credentials the fake accepts: e-mail + API token on Cloud, a personal access token on Data Center. */
    public TrackerConfig.AuthConfig auth() {
        return mode == Mode.CLOUD
                ? new TrackerConfig.AuthConfig(email, apiToken, null)
                : new TrackerConfig.AuthConfig(null, null, pat);
    }

    /** Data Center only: the bot's user name and password as basic auth, which Data Center also accepts. */
    public TrackerConfig.AuthConfig passwordAuth() {
        if (mode != Mode.DATACENTER) {
            throw new IllegalStateException("Jira Cloud does not accept passwords");
        }
        return new TrackerConfig.AuthConfig(me.id(), dcPassword, null);
    }

    /** The secret value of the accepted credential (tests assert it never leaks). */
    public String secretValue() {
        return mode == Mode.CLOUD ? apiToken.reveal() : pat.reveal();
    }

    /** The authenticated user (account id on Cloud, name on Data Center). */
    public FakeUser me() {
        return me;
    }

    // ---------------------------------------------------------------------------------------------
    // Seeding

    /** A company-managed project with issue types Task, Bug and Sub-task and full create screens. */
    public FakeJira project(String key, String name) {
        return addProject(key, name, false);
    }

    /** A team-managed project: its create screens have neither Priority nor Due date. */
    public FakeJira teamManagedProject(String key, String name) {
        addProject(key, name, true);
        synchronized (lock) {
            for (Map<String, ScreenField> screen : projects.get(key).screens.values()) {
                screen.remove("priority");
                screen.remove("duedate");
            }
        }
        return this;
    }

    private FakeJira addProject(String key, String name, boolean teamManaged) {
        synchronized (lock) {
            ProjectDef p = new ProjectDef(Integer.toString(nextProjectId), key, name, teamManaged);
            int base = nextProjectId;
            nextProjectId += 100;
            addIssueType(p, new IssueTypeDef(Integer.toString(base + 1), "Task", false));
            addIssueType(p, new IssueTypeDef(Integer.toString(base + 2), "Bug", false));
            addIssueType(p, new IssueTypeDef(Integer.toString(base + 3), "Sub-task", true));
            p.permissions.addAll(ALL_PERMISSIONS);
            projects.put(key, p);
        }
        return this;
    }

    private static void addIssueType(ProjectDef p, IssueTypeDef type) {
        p.issueTypes.put(type.id(), type);
        Map<String, ScreenField> screen = new LinkedHashMap<>();
        screen.put("project", new ScreenField("project", "Project", true, false, "project", "project"));
        screen.put("issuetype", new ScreenField("issuetype", "Issue Type", true, false, "issuetype", "issuetype"));
        screen.put("summary", new ScreenField("summary", "Summary", true, false, "string", "summary"));
        screen.put("reporter", new ScreenField("reporter", "Reporter", true, true, "user", "reporter"));
        screen.put("description", new ScreenField("description", "Description", false, false, "string", "description"));
        screen.put("labels", new ScreenField("labels", "Labels", false, false, "array", "labels"));
        screen.put("duedate", new ScreenField("duedate", "Due date", false, false, "date", "duedate"));
        screen.put("priority", new ScreenField("priority", "Priority", false, true, "priority", "priority"));
        screen.put("assignee", new ScreenField("assignee", "Assignee", false, false, "user", "assignee"));
        p.screens.put(type.id(), screen);
    }

    /** Adds an issue type (with the standard screen) to a project. */
    public FakeJira issueType(String project, String name) {
        synchronized (lock) {
            ProjectDef p = project(project);
            addIssueType(
                    p,
                    new IssueTypeDef(Integer.toString(Integer.parseInt(p.id) + 10 + p.issueTypes.size()), name, false));
        }
        return this;
    }

    /** Takes a field off a create screen (Jira then rejects a create that sets it). */
    public FakeJira removeFromScreen(String project, String issueType, String fieldId) {
        synchronized (lock) {
            screen(project, issueType).remove(fieldId);
        }
        return this;
    }

    /** Adds a required custom field without default to a create screen. */
    public FakeJira requireField(String project, String issueType, String fieldId, String name) {
        synchronized (lock) {
            screen(project, issueType).put(fieldId, new ScreenField(fieldId, name, true, false, "string", null));
        }
        return this;
    }

    public FakeJira priorities(String... names) {
        synchronized (lock) {
            priorities.clear();
            priorities.addAll(List.of(names));
        }
        return this;
    }

    public FakeJira user(FakeUser user) {
        synchronized (lock) {
            users.put(user.id(), user);
        }
        return this;
    }

    /** The time zone of the authenticated user's profile (JQL dates are read in it). */
    public FakeJira myTimeZone(ZoneId zone) {
        synchronized (lock) {
            me = new FakeUser(me.id(), me.displayName(), me.email(), me.emailVisible(), me.active(), zone.getId());
            users.put(me.id(), me);
        }
        return this;
    }

    public FakeJira linkType(String name, String inward, String outward) {
        synchronized (lock) {
            String id = Integer.toString(10_000 + linkTypes.size());
            linkTypes.put(id, new LinkTypeDef(id, name, inward, outward));
        }
        return this;
    }

    /** Issue linking switched off site-wide: Jira then answers 404 to link-type and link calls. */
    public FakeJira disableIssueLinking() {
        synchronized (lock) {
            issueLinking = false;
        }
        return this;
    }

    public FakeJira status(String name, String categoryKey) {
        synchronized (lock) {
            String id = Integer.toString(10_000 + statuses.size());
            statuses.put(name.toLowerCase(Locale.ROOT), new StatusDef(id, name, categoryKey));
        }
        return this;
    }

    public FakeJira revokePermission(String project, String permission) {
        synchronized (lock) {
            project(project).permissions.remove(permission);
        }
        return this;
    }

    /** The most issues a search page returns (Cloud: 100 when fields are asked for; Data Center: 1000). */
    public FakeJira searchPageLimit(int limit) {
        synchronized (lock) {
            searchPageLimit = limit;
        }
        return this;
    }

    /** A fixed delay before every answer (MockResponse delay), for benchmarks. */
    public FakeJira latency(Duration delay) {
        synchronized (lock) {
            latency = delay;
        }
        return this;
    }

    /**
     * Cloud search is eventually consistent: with lag on, writes are invisible to JQL search until
     * {@link #reindex()} (or until the issue is named in {@code reconcileIssues}).
     */
    public FakeJira searchLag(boolean on) {
        synchronized (lock) {
            searchLag = on;
            if (!on) {
                reindexLocked();
            }
        }
        return this;
    }

    public void reindex() {
        synchronized (lock) {
            reindexLocked();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Issues

    /**
     * Creates an issue directly, as if someone (or a crashed daemon) had created it earlier.
     *
     * @return its key
     */
    public String createIssue(String project, String summary, String... labels) {
        synchronized (lock) {
            ProjectDef p = project(project);
            IssueTypeDef task = p.issueTypes.values().iterator().next();
            FakeIssue issue = newIssue(p, task);
            issue.summary = summary;
            issue.labels.addAll(List.of(labels));
            changed(issue);
            return issue.key;
        }
    }

    FakeIssue newIssue(ProjectDef p, IssueTypeDef type) {
        FakeIssue issue = new FakeIssue(nextIssueId++);
        issue.key = p.key + "-" + p.nextNumber++;
        issue.projectKey = p.key;
        issue.projectName = p.name;
        issue.issueTypeId = type.id();
        issue.issueTypeName = type.name();
        StatusDef initial = statuses.values().stream()
                .filter(s -> s.categoryKey().equals("new"))
                .findFirst()
                .orElseThrow();
        issue.status = initial.name();
        issue.statusCategory = initial.categoryKey();
        issue.created = clock.instant();
        issue.updated = issue.created;
        issues.put(issue.id, issue);
        issuesByKey.put(issue.key.toUpperCase(Locale.ROOT), issue);
        return issue;
    }

    /** The issue under this key or a key it had before a move. */
    public IssueView issue(String key) {
        return findIssue(key).orElseThrow(() -> new AssertionError("the fake Jira has no issue " + key));
    }

    public Optional<IssueView> findIssue(String key) {
        synchronized (lock) {
            return Optional.ofNullable(byKey(key)).map(this::view);
        }
    }

    public List<IssueView> issues() {
        synchronized (lock) {
            return issues.values().stream().map(this::view).toList();
        }
    }

    /** Keys of the issues carrying this label, oldest first: cheaper than views when there are thousands. */
    public List<String> issueKeysWithLabel(String label) {
        synchronized (lock) {
            return issues.values().stream()
                    .filter(i -> i.labels.contains(label))
                    .map(i -> i.key)
                    .toList();
        }
    }

    public List<IssueView> issuesWithLabel(String label) {
        synchronized (lock) {
            return issues.values().stream()
                    .filter(i -> i.labels.contains(label))
                    .map(this::view)
                    .toList();
        }
    }

    /** Moves an issue to a workflow status (and sets or clears its resolution), as an engineer would. */
    public void transition(String key, String status, String resolution) {
        synchronized (lock) {
            FakeIssue issue = required(key);
            StatusDef s = statuses.get(status.toLowerCase(Locale.ROOT));
            if (s == null) {
                throw new IllegalArgumentException(
                        "unknown status " + status + "; seed it with status(name, category)");
            }
            issue.status = s.name();
            issue.statusCategory = s.categoryKey();
            issue.resolution = resolution;
            changed(issue);
        }
    }

    public void setDueDate(String key, LocalDate due) {
        synchronized (lock) {
            FakeIssue issue = required(key);
            issue.dueDate = due;
            changed(issue);
        }
    }

    /** Moves an issue to another project: it gets a new key; the old key still resolves to it. */
    public String move(String key, String toProject) {
        synchronized (lock) {
            FakeIssue issue = required(key);
            ProjectDef p = project(toProject);
            issue.previousKeys.add(issue.key);
            issue.key = p.key + "-" + p.nextNumber++;
            issuesByKey.put(issue.key.toUpperCase(Locale.ROOT), issue);
            issue.projectKey = p.key;
            issue.projectName = p.name;
            changed(issue);
            return issue.key;
        }
    }

    public void delete(String key) {
        synchronized (lock) {
            FakeIssue issue = required(key);
            issues.remove(issue.id);
            issuesByKey.values().removeIf(i -> i == issue);
            links.removeIf(l -> l.inwardIssueId() == issue.id || l.outwardIssueId() == issue.id);
            if (!searchLag) {
                index.remove(issue.id);
            }
        }
    }

    FakeIssue byKey(String key) {
        if (key == null) {
            return null;
        }
        String k = key.toUpperCase(Locale.ROOT);
        FakeIssue indexed = issuesByKey.get(k);
        if (indexed != null) {
            return indexed;
        }
        if (k.matches("\\d+")) {
            return issues.get(Long.parseLong(k));
        }
        return null;
    }

    private FakeIssue required(String key) {
        FakeIssue issue = byKey(key);
        if (issue == null) {
            throw new IllegalArgumentException("the fake Jira has no issue " + key);
        }
        return issue;
    }

    /** Records a write: updated time, and the search index unless search lags. */
    void changed(FakeIssue issue) {
        issue.updated = clock.instant();
        if (!searchLag) {
            index.put(issue.id, issue.copy());
        }
    }

    private void reindexLocked() {
        index.clear();
        issues.values().forEach(i -> index.put(i.id, i.copy()));
    }

    ProjectDef project(String key) {
        ProjectDef p = projects.get(key);
        if (p == null) {
            p = projects.values().stream()
                    .filter(x -> x.key.equalsIgnoreCase(key) || x.id.equals(key))
                    .findFirst()
                    .orElse(null);
        }
        if (p == null) {
            throw new IllegalArgumentException("the fake Jira has no project " + key);
        }
        return p;
    }

    private Map<String, ScreenField> screen(String project, String issueType) {
        ProjectDef p = project(project);
        IssueTypeDef type = p.issueTypes.values().stream()
                .filter(t -> t.name().equalsIgnoreCase(issueType))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("project " + project + " has no issue type " + issueType));
        return p.screens.get(type.id());
    }

    IssueView view(FakeIssue i) {
        List<String> linked = new ArrayList<>();
        for (LinkDef l : links) {
            LinkTypeDef type = linkTypes.get(l.typeId());
            if (l.inwardIssueId() == i.id && issues.containsKey(l.outwardIssueId())) {
                linked.add(type.name() + ":" + issues.get(l.outwardIssueId()).key);
            } else if (l.outwardIssueId() == i.id && issues.containsKey(l.inwardIssueId())) {
                linked.add(type.name() + ":" + issues.get(l.inwardIssueId()).key);
            }
        }
        List<IssueView.RemoteLinkView> remote = i.remoteLinks.values().stream()
                .map(r -> new IssueView.RemoteLinkView(r.globalId(), r.url(), r.title()))
                .toList();
        JsonNode description = i.description();
        return new IssueView(
                i.id,
                i.key,
                i.projectKey,
                i.issueTypeName,
                i.summary,
                description,
                List.copyOf(i.labels),
                i.priority,
                i.dueDate,
                i.assignee,
                i.status,
                i.statusCategory,
                i.resolution,
                i.created,
                i.updated,
                List.copyOf(linked),
                remote,
                Set.copyOf(i.previousKeys));
    }

    /**
     * Parses JQL as the fake (and Jira) does and returns the values the query compares {@code field}
     * with, in order; for tests that check how a client quotes values.
     *
     * @throws IllegalArgumentException with Jira's message when the JQL does not parse
     */
    public static List<String> jqlValues(String jql, String field) {
        try {
            List<String> values = new ArrayList<>();
            collect(FakeJql.parse(jql).where(), field.toLowerCase(Locale.ROOT), values);
            return values;
        } catch (FakeJql.JqlError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void collect(FakeJql.Node node, String field, List<String> out) {
        switch (node) {
            case null -> {}
            case FakeJql.And a -> a.parts().forEach(p -> collect(p, field, out));
            case FakeJql.Or o -> o.parts().forEach(p -> collect(p, field, out));
            case FakeJql.Not n -> collect(n.inner(), field, out);
            case FakeJql.Clause c -> {
                if (c.field().equals(field)) {
                    out.addAll(c.values());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Faults

    /** The next request of this operation fails this way. */
    public FakeJira inject(Operation operation, Fault fault) {
        return inject(operation, fault, 1);
    }

    /** The next {@code times} requests of this operation fail this way. */
    public FakeJira inject(Operation operation, Fault fault, int times) {
        synchronized (lock) {
            Deque<Fault> queue = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.addLast(fault);
            }
        }
        return this;
    }

    Fault nextFault(Operation operation) {
        synchronized (lock) {
            Deque<Fault> queue = faults.get(operation);
            return queue == null ? null : queue.pollFirst();
        }
    }

    /**
     * Holds every request of this operation inside the server until the returned gate is opened,
     * so a test can see how many are in flight at once.
     */
    public Gate hold(Operation operation) {
        CountDownLatch latch = new CountDownLatch(1);
        synchronized (lock) {
            gates.put(operation, latch);
        }
        return () -> {
            synchronized (lock) {
                gates.remove(operation);
            }
            latch.countDown();
        };
    }

    /** Opens a {@link #hold}. */
    @FunctionalInterface
    public interface Gate {
        void open();
    }

    CountDownLatch gate(Operation operation) {
        synchronized (lock) {
            return gates.get(operation);
        }
    }

    /** Whether this request of {@code operation} is one to check against the OpenAPI document. */
    boolean checkRequest(Operation operation) {
        return openApiChecksPerOperation == Integer.MAX_VALUE
                || requestsChecked
                                .computeIfAbsent(operation, o -> new java.util.concurrent.atomic.AtomicInteger())
                                .incrementAndGet()
                        <= openApiChecksPerOperation;
    }

    /** Whether this answer of {@code operation} is one to check against the OpenAPI document. */
    boolean checkAnswer(Operation operation) {
        return openApiChecksPerOperation == Integer.MAX_VALUE
                || answersChecked
                                .computeIfAbsent(operation, o -> new java.util.concurrent.atomic.AtomicInteger())
                                .incrementAndGet()
                        <= openApiChecksPerOperation;
    }

    void enter() {
        synchronized (lock) {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            lock.notifyAll();
        }
    }

    void leave() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    /** Waits (without sleeping: on the fake's monitor) until this many requests are inside the server. */
    public boolean awaitInFlight(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    public int maxInFlight() {
        synchronized (lock) {
            return maxInFlight;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Request log and violations

    public List<LoggedRequest> requests() {
        return List.copyOf(log);
    }

    /** Requests of this operation received so far (retries count: they are requests). */
    public int count(Operation operation) {
        return (int) log.stream().filter(r -> r.operation() == operation).count();
    }

    public Map<Operation, Integer> counts() {
        Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
        log.forEach(r -> counts.merge(r.operation(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    public int totalRequests() {
        return log.size();
    }

    public void clearLog() {
        log.clear();
    }

    /** Everything off-spec the fake saw: OpenAPI errors, removed endpoints, unexpected requests. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("the fake Jira saw requests real Jira would refuse or that use removed APIs:\n  - "
                    + String.join("\n  - ", violations));
        }
    }

    void violation(String text) {
        violations.add(text);
    }

    HttpUrl baseUrl() {
        return baseUrl;
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        synchronized (lock) {
            gates.values().forEach(CountDownLatch::countDown);
            gates.clear();
        }
        server.close();
    }

    /**
     * Server sockets whose connections send small writes at once (TCP_NODELAY). MockWebServer writes
     * headers and body separately; with Nagle's algorithm and the client's delayed ACK each answer
     * then waited up to 40 ms, which made concurrent requests look serial in benchmarks.
     */
    static final class NoDelayServerSockets extends javax.net.ServerSocketFactory {
        @Override
        public java.net.ServerSocket createServerSocket() throws IOException {
            return new java.net.ServerSocket() {
                @Override
                public java.net.Socket accept() throws IOException {
                    java.net.Socket socket = super.accept();
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address)
                throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }
    }
}
