package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerException.Kind;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Tracker} for Jira Cloud (REST v3) and Jira Data Center / Server (REST v2), over one
 * shared OkHttp client. Build it with {@link #create}; everything else in this package is an
 * implementation detail.
 *
 * <p>Request budgets (what the sync engine can count on): creating N tickets sends ceil(N/50)
 * create requests; looking up K sync keys sends ceil(K/50) searches; reading K tickets by key sends
 * ceil(K/100) requests, plus one per key that was moved or deleted since last seen; a change search
 * whose result fits one page (100) is one request. Project metadata (two requests per project and
 * issue type), link types, users, the deployment and the user's time zone are read once and
 * cached, so a pass in which nothing changed costs one request.
 *
 * <p>Answers the sync engine can rely on: {@link #findBySyncKeys} maps every key asked for (an
 * empty list when no ticket carries it); {@link #findUpdatedSince} may return a ticket changed a
 * little before {@code since} (JQL has minute precision, and Cloud looks two minutes further back
 * because its search index lags), never fewer; {@link #create} after an uncertain failure reports
 * tickets it could not confirm as TRANSIENT failures without re-sending them.
 */
public final class JiraTracker implements Tracker {

    private static final Logger log = LoggerFactory.getLogger(JiraTracker.class);

    static final int LABELS_PER_SEARCH = 50;
    static final int PAGE_SIZE = 100;
    private static final Duration METADATA_TTL = Duration.ofHours(1);
    private static final Duration USER_TTL = Duration.ofHours(1);
    private static final Duration USER_MISS_TTL = Duration.ofMinutes(15);
    private static final Duration MISSING_TTL = Duration.ofMinutes(15);
    private static final Duration RECONCILE_WINDOW = Duration.ofMinutes(30);

    /** Waits; production uses {@link Thread#sleep}, tests advance a clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Time-outs and retry bounds.
     *
     * @param maxAttempts tries per call, the first included (429 for every call; 5xx, I/O errors
     *     and time-outs only for calls that are safe to repeat)
     * @param baseBackoff first back-off ceiling; doubles per retry up to {@code maxBackoff}
     * @param maxRetryWait the longest single wait accepted, also when Jira asks for more with
     *     {@code Retry-After}; beyond it the call fails as RATE_LIMITED and the next pass retries
     * @param jitter uniform random numbers in [0, 1) for full jitter
     */
    public record Tuning(
            Duration connectTimeout,
            Duration readTimeout,
            int maxAttempts,
            Duration baseBackoff,
            Duration maxBackoff,
            Duration maxRetryWait,
            Sleeper sleeper,
            DoubleSupplier jitter) {

        public Tuning {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(baseBackoff, "baseBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(maxRetryWait, "maxRetryWait");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(jitter, "jitter");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
        }

        public static Tuning defaults() {
            return new Tuning(
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(30),
                    6,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(2),
                    Thread::sleep,
                    () -> ThreadLocalRandom.current().nextDouble());
        }

        public Tuning withSleeper(Sleeper newSleeper) {
            return new Tuning(
                    connectTimeout,
                    readTimeout,
                    maxAttempts,
                    baseBackoff,
                    maxBackoff,
                    maxRetryWait,
                    newSleeper,
                    jitter);
        }

        public Tuning withJitter(DoubleSupplier newJitter) {
            return new Tuning(
                    connectTimeout,
                    readTimeout,
                    maxAttempts,
                    baseBackoff,
                    maxBackoff,
                    maxRetryWait,
                    sleeper,
                    newJitter);
        }

        public Tuning withTimeouts(Duration connect, Duration read) {
            return new Tuning(connect, read, maxAttempts, baseBackoff, maxBackoff, maxRetryWait, sleeper, jitter);
        }

        public Tuning withMaxAttempts(int attempts) {
            return new Tuning(
                    connectTimeout, readTimeout, attempts, baseBackoff, maxBackoff, maxRetryWait, sleeper, jitter);
        }
    }

    /** Everything that depends on which product answers, built once that is known. */
    private record Session(
            Dialect dialect, JiraMetadata metadata, UserDirectory users, BulkCreator creator, KeyReader reader) {}

    private final TrackerConfig config;
    private final JiraHttp http;
    private final Clock clock;
    private final Parallel parallel;
    private final RecentIssues recent;
    /** A lock, not a monitor: detecting the deployment waits for Jira, and a virtual thread must not pin its carrier meanwhile (Java 21). */
    private final ReentrantLock sessionLock = new ReentrantLock();

    private volatile Session session;
    private volatile ZoneId userZone;

    private JiraTracker(TrackerConfig config, TrackerRequestObserver observer, Clock clock, Tuning tuning) {
        this.config = config;
        this.clock = clock;
        int maxConcurrency = Math.max(1, config.maxConcurrency());
        this.http = new JiraHttp(baseUrl(config), config.auth(), observer, clock, tuning, maxConcurrency);
        this.parallel = new Parallel(maxConcurrency);
        this.recent = new RecentIssues(clock, RECONCILE_WINDOW, CloudDialect.MAX_RECONCILE);
    }

    /** A Jira tracker with production time-outs and back-off. */
    public static JiraTracker create(TrackerConfig config, TrackerRequestObserver observer, Clock clock) {
        return create(config, observer, clock, Tuning.defaults());
    }

    /**
     * A Jira tracker. Nothing is sent until the first call.
     *
     * @throws IllegalArgumentException when the configuration cannot work (no URL, no credentials),
     *     naming the key
     */
    public static JiraTracker create(
            TrackerConfig config, TrackerRequestObserver observer, Clock clock, Tuning tuning) {
        Objects.requireNonNull(config, "config");
        if (config.type() != TrackerConfig.TrackerType.JIRA) {
            throw new IllegalArgumentException("tracker.type is " + config.type() + ", not jira");
        }
        return new JiraTracker(
                config,
                Objects.requireNonNull(observer, "observer"),
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(tuning, "tuning"));
    }

    private static HttpUrl baseUrl(TrackerConfig config) {
        if (config.url() == null) {
            throw new IllegalArgumentException("tracker.url is missing");
        }
        HttpUrl url = HttpUrl.parse(config.url().toString());
        if (url == null) {
            throw new IllegalArgumentException(
                    "tracker.url must be an http(s) URL like https://acme.atlassian.net, got " + config.url());
        }
        if (config.auth() == null) {
            throw new IllegalArgumentException("tracker.auth is missing");
        }
        // Keep a context path (https://jira.example.com/jira) but drop a trailing slash, query and fragment.
        HttpUrl.Builder b = url.newBuilder().query(null).fragment(null);
        List<String> segments = new ArrayList<>(url.pathSegments());
        while (!segments.isEmpty() && segments.getLast().isEmpty()) {
            segments.removeLast();
        }
        b.encodedPath("/");
        segments.forEach(b::addPathSegment);
        return b.build();
    }

    // ---------------------------------------------------------------------------------------------
    // Deployment

    @Override
    public Deployment deployment() throws TrackerException {
        return session().dialect().deployment();
    }

    private Session session() throws TrackerException {
        Session s = session;
        if (s != null) {
            return s;
        }
        sessionLock.lock();
        try {
            if (session == null) {
                Deployment deployment =
                        switch (config.deployment() == null ? TrackerConfig.Deployment.AUTO : config.deployment()) {
                            case CLOUD -> Deployment.CLOUD;
                            case DATACENTER -> Deployment.DATACENTER;
                            case AUTO -> detect(serverInfo());
                        };
                useDeployment(deployment);
            }
            return session;
        } finally {
            sessionLock.unlock();
        }
    }

    /** Fixes the deployment when it is already known (the doctor detects it itself). */
    void useDeployment(Deployment deployment) {
        sessionLock.lock();
        try {
            if (session != null) {
                return;
            }
            Dialect dialect = deployment == Deployment.CLOUD ? new CloudDialect(http) : new DataCenterDialect(http);
            JiraMetadata metadata = new JiraMetadata(http, dialect.apiVersion(), clock, METADATA_TTL);
            UserDirectory users = new UserDirectory(http, deployment, config.users(), clock, USER_TTL, USER_MISS_TTL);
            BulkCreator creator = new BulkCreator(
                    http,
                    dialect,
                    new TicketPreparer(config, dialect, metadata, users),
                    parallel,
                    recent,
                    this::findBySyncKeys);
            KeyReader reader = new KeyReader(http, dialect, parallel, clock, METADATA_TTL, MISSING_TTL);
            session = new Session(dialect, metadata, users, creator, reader);
            log.info(
                    "Jira at {} is {}",
                    http.base(),
                    deployment == Deployment.CLOUD ? "Jira Cloud" : "Jira Data Center / Server");
        } finally {
            sessionLock.unlock();
        }
    }

    /** {@code GET /rest/api/2/serverInfo}: v2 is the one path both products serve. */
    JsonNode serverInfo() throws TrackerException {
        return http.get(Op.SERVER_INFO, http.api("2", "serverInfo").build());
    }

    /** {@code deploymentType} {@code Cloud} is Jira Cloud; anything else (Server, Data Center, absent) is not. */
    static Deployment detect(JsonNode serverInfo) {
        return "cloud".equalsIgnoreCase(serverInfo.path("deploymentType").asText(""))
                ? Deployment.CLOUD
                : Deployment.DATACENTER;
    }

    // ---------------------------------------------------------------------------------------------
    // Create, search, read

    @Override
    public List<CreateResult> create(List<NewTicket> requests) throws TrackerException {
        return requests.isEmpty() ? List.of() : session().creator().create(requests);
    }

    /** Every key asked for is in the answer, with an empty list when no ticket carries its label. */
    @Override
    public Map<SyncKey, List<Ticket>> findBySyncKeys(Collection<SyncKey> keys) throws TrackerException {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Session s = session();
        List<SyncKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        Map<SyncKey, Map<String, Ticket>> byKey = new LinkedHashMap<>();
        distinct.forEach(k -> byKey.put(k, new LinkedHashMap<>()));
        List<Long> reconcile = recent.ids();
        List<List<JsonNode>> pages = parallel.map(
                Parallel.chunks(distinct, LABELS_PER_SEARCH),
                chunk -> s.dialect()
                        .search(
                                Jql.in(
                                                "labels",
                                                chunk.stream()
                                                        .map(SyncKey::label)
                                                        .toList()) + " ORDER BY key ASC",
                                PAGE_SIZE,
                                reconcile));
        for (List<JsonNode> page : pages) {
            for (Ticket t : parse(s, page)) {
                for (String label : t.labels()) {
                    Map<String, Ticket> bucket = byKey.get(SyncKey.fromLabel(label));
                    if (bucket != null) {
                        bucket.putIfAbsent(t.key(), t);
                    }
                }
            }
        }
        Map<SyncKey, List<Ticket>> result = new LinkedHashMap<>();
        byKey.forEach((k, v) -> result.put(k, List.copyOf(v.values())));
        return Collections.unmodifiableMap(result);
    }

    @Override
    public List<Ticket> findUpdatedSince(Instant since) throws TrackerException {
        Session s = session();
        String jql = Jql.eq("labels", OWN_LABEL);
        if (since != null && since.isAfter(Instant.EPOCH)) {
            jql += " AND " + Jql.atOrAfter("updated", since.minus(s.dialect().changeSearchOverlap()), userZone(s));
        }
        return parse(s, s.dialect().search(jql + " ORDER BY key ASC", PAGE_SIZE, recent.ids()));
    }

    /**
     * JQL reads dates in the searching user's time zone (their Jira profile), so the daemon asks
     * Jira which one that is, once per process.
     */
    private ZoneId userZone(Session s) throws TrackerException {
        ZoneId zone = userZone;
        if (zone != null) {
            return zone;
        }
        JsonNode me =
                http.get(Op.USER, http.api(s.dialect().apiVersion(), "myself").build());
        String id = me.path("timeZone").asText("");
        try {
            zone = id.isEmpty() ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (DateTimeException e) {
            log.warn(
                    "Jira reports the time zone \"{}\" for the configured user, which Java does not know; reading JQL dates as UTC",
                    id);
            zone = ZoneOffset.UTC;
        }
        userZone = zone;
        return zone;
    }

    @Override
    public TicketLookup read(Collection<String> keys) throws TrackerException {
        return keys.isEmpty()
                ? new TicketLookup(Map.of(), Set.of())
                : session().reader().read(keys);
    }

    private static List<Ticket> parse(Session s, List<JsonNode> issues) {
        return issues.stream()
                .map(i -> IssueParser.parse(i, s.dialect().userField()))
                .toList();
    }

    // ---------------------------------------------------------------------------------------------
    // Links

    @Override
    public void linkToIncident(String ticketKey, String incidentKey) throws TrackerException {
        Session s = session();
        String wanted = config.incidentLink();
        if (wanted == null || wanted.isBlank()) {
            throw new TrackerException(Kind.CLIENT_ERROR, "tracker.incidentLink is not configured");
        }
        JiraMetadata.LinkType type = s.metadata().linkType(wanted).orElse(null);
        if (type == null) {
            List<String> names = s.metadata().linkTypes().stream()
                    .map(JiraMetadata.LinkType::name)
                    .toList();
            throw new TrackerException(
                    Kind.CLIENT_ERROR,
                    "issue link type \"" + wanted + "\" does not exist in Jira (available: " + String.join(", ", names)
                            + "): fix tracker.incidentLink");
        }
        ObjectNode body = JiraHttp.JSON.createObjectNode();
        body.putObject("type").put("name", type.name());
        body.putObject("inwardIssue").put("key", ticketKey);
        body.putObject("outwardIssue").put("key", incidentKey);
        // Jira keeps one link per type and pair of issues, so repeating the call is harmless.
        http.post(Op.LINK, http.api(s.dialect().apiVersion(), "issueLink").build(), body, true);
    }

    @Override
    public void upsertDocumentLink(String ticketKey, SyncKey syncKey, String documentUrl, String title)
            throws TrackerException {
        Session s = session();
        if (documentUrl == null || HttpUrl.parse(documentUrl) == null) {
            throw new TrackerException(
                    Kind.CLIENT_ERROR,
                    "the document link \"" + documentUrl + "\" is not an http(s) URL: check source.linkTemplate");
        }
        ObjectNode body = JiraHttp.JSON.createObjectNode().put("globalId", "postmortem-sync:" + syncKey.value());
        body.putObject("application").put("type", "io.postmortemsync").put("name", "postmortem-sync");
        body.put("relationship", "postmortem");
        ObjectNode object = body.putObject("object")
                .put("url", documentUrl)
                .put("title", title == null || title.isBlank() ? documentUrl : title);
        object.putObject("icon").put("title", "Postmortem");
        // Jira updates the link with the same globalId in place, so this is safe to repeat.
        http.post(
                Op.REMOTE_LINK,
                http.api(s.dialect().apiVersion(), "issue", ticketKey, "remotelink")
                        .build(),
                body,
                true);
    }

    /** The deployment, then the issue types and create screen of each configured route, read once each. */
    @Override
    public void prepareToCreate() {
        try {
            Session s = session();
            Set<String> seen = new LinkedHashSet<>();
            for (ItemType type : ItemType.values()) {
                TrackerConfig.TypeRoute route = config.route(type);
                String project = route.projectOr(config.project());
                String issueType = route.issueType() == null ? TicketPreparer.DEFAULT_ISSUE_TYPE : route.issueType();
                if (project == null
                        || project.isBlank()
                        || !seen.add(project.toUpperCase(Locale.ROOT) + "/"
                                + issueType.strip().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                Optional<JiraMetadata.IssueTypeMeta> meta = s.metadata().issueType(project, issueType);
                if (meta.isPresent()) {
                    s.metadata().screen(project, meta.get());
                }
            }
        } catch (TrackerException | RuntimeException e) {
            log.debug("reading the create screens ahead failed ({}); the creates read them themselves", e.getMessage());
        }
    }

    @Override
    public String browseUrl(String ticketKey) {
        return http.url("browse", ticketKey).build().toString();
    }

    @Override
    public void close() {
        http.close();
    }

    // ---------------------------------------------------------------------------------------------
    // For the doctor (same package)

    JiraHttp http() {
        return http;
    }

    TrackerConfig config() {
        return config;
    }

    Dialect dialect() throws TrackerException {
        return session().dialect();
    }

    JiraMetadata metadata() throws TrackerException {
        return session().metadata();
    }

    UserDirectory users() throws TrackerException {
        return session().users();
    }
}
