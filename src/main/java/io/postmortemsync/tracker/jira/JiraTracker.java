package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.postmortemsync.config.TrackerConfig;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
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
 * whose result fits one page (100) is one request. Project metadata, link types, users, the
 * deployment and the user's time zone are read once and cached.
 */
public final class JiraTracker implements Tracker {

    private static final Logger log = LoggerFactory.getLogger(JiraTracker.class);

    static final int CREATE_BATCH = 50;
    static final int LABELS_PER_SEARCH = 50;
    static final int PAGE_SIZE = 100;
    private static final Duration METADATA_TTL = Duration.ofHours(1);
    private static final Duration USER_TTL = Duration.ofHours(1);
    private static final Duration USER_MISS_TTL = Duration.ofMinutes(15);
    private static final Duration RECONCILE_WINDOW = Duration.ofMinutes(30);
    private static final Pattern ISSUE_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*-[1-9][0-9]*$");

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
            return new Tuning(Duration.ofSeconds(10), Duration.ofSeconds(30), 6, Duration.ofMillis(500), Duration.ofSeconds(30),
                    Duration.ofMinutes(2), Thread::sleep, () -> ThreadLocalRandom.current().nextDouble());
        }

        public Tuning withSleeper(Sleeper newSleeper) {
            return new Tuning(connectTimeout, readTimeout, maxAttempts, baseBackoff, maxBackoff, maxRetryWait, newSleeper, jitter);
        }

        public Tuning withJitter(DoubleSupplier newJitter) {
            return new Tuning(connectTimeout, readTimeout, maxAttempts, baseBackoff, maxBackoff, maxRetryWait, sleeper, newJitter);
        }

        public Tuning withTimeouts(Duration connect, Duration read) {
            return new Tuning(connect, read, maxAttempts, baseBackoff, maxBackoff, maxRetryWait, sleeper, jitter);
        }

        public Tuning withMaxAttempts(int attempts) {
            return new Tuning(connectTimeout, readTimeout, attempts, baseBackoff, maxBackoff, maxRetryWait, sleeper, jitter);
        }
    }

    /** Everything that depends on which product answers, built once that is known. */
    private record Session(Dialect dialect, JiraMetadata metadata, UserDirectory users, TicketPreparer preparer) {}

    private record Recent(long id, Instant at) {}

    private final TrackerConfig config;
    private final JiraHttp http;
    private final Clock clock;
    private final int maxConcurrency;
    private final Object sessionLock = new Object();
    private volatile Session session;
    private volatile ZoneId userZone;
    private final Deque<Recent> recentlyCreated = new ArrayDeque<>();
    private final Cache<String, String> movedKeys;
    private final Cache<String, Boolean> missingKeys;

    private JiraTracker(TrackerConfig config, TrackerRequestObserver observer, Clock clock, Tuning tuning) {
        this.config = config;
        this.clock = clock;
        this.maxConcurrency = Math.max(1, config.maxConcurrency());
        this.http = new JiraHttp(baseUrl(config), config.auth(), observer, clock, tuning, maxConcurrency);
        this.movedKeys = Caffeine.newBuilder().ticker(Caches.ticker(clock)).expireAfterWrite(METADATA_TTL).maximumSize(10_000).build();
        this.missingKeys = Caffeine.newBuilder().ticker(Caches.ticker(clock)).expireAfterWrite(USER_MISS_TTL).maximumSize(10_000).build();
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
    public static JiraTracker create(TrackerConfig config, TrackerRequestObserver observer, Clock clock, Tuning tuning) {
        Objects.requireNonNull(config, "config");
        if (config.type() != TrackerConfig.TrackerType.JIRA) {
            throw new IllegalArgumentException("tracker.type is " + config.type() + ", not jira");
        }
        return new JiraTracker(config, Objects.requireNonNull(observer, "observer"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(tuning, "tuning"));
    }

    private static HttpUrl baseUrl(TrackerConfig config) {
        if (config.url() == null) {
            throw new IllegalArgumentException("tracker.url is missing");
        }
        HttpUrl url = HttpUrl.parse(config.url().toString());
        if (url == null) {
            throw new IllegalArgumentException("tracker.url must be an http(s) URL like https://acme.atlassian.net, got " + config.url());
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
        synchronized (sessionLock) {
            if (session == null) {
                Deployment deployment = switch (config.deployment() == null ? TrackerConfig.Deployment.AUTO : config.deployment()) {
                    case CLOUD -> Deployment.CLOUD;
                    case DATACENTER -> Deployment.DATACENTER;
                    case AUTO -> detect(serverInfo());
                };
                useDeployment(deployment);
            }
            return session;
        }
    }

    /** Fixes the deployment when it is already known (the doctor detects it itself). */
    void useDeployment(Deployment deployment) {
        synchronized (sessionLock) {
            if (session != null) {
                return;
            }
            Dialect dialect = deployment == Deployment.CLOUD ? new CloudDialect(http) : new DataCenterDialect(http);
            JiraMetadata metadata = new JiraMetadata(http, dialect.apiVersion(), clock, METADATA_TTL);
            UserDirectory users = new UserDirectory(http, deployment, config.users(), clock, USER_TTL, USER_MISS_TTL);
            session = new Session(dialect, metadata, users, new TicketPreparer(config, dialect, metadata, users));
            log.info("Jira at {} is {}", http.base(), deployment == Deployment.CLOUD ? "Jira Cloud" : "Jira Data Center / Server");
        }
    }

    /** {@code GET /rest/api/2/serverInfo}: v2 is the one path both products serve. */
    JsonNode serverInfo() throws TrackerException {
        return http.get(Op.SERVER_INFO, http.api("2", "serverInfo").build());
    }

    /** {@code deploymentType} {@code Cloud} is Jira Cloud; anything else (Server, Data Center, absent) is not. */
    static Deployment detect(JsonNode serverInfo) {
        return "cloud".equalsIgnoreCase(serverInfo.path("deploymentType").asText("")) ? Deployment.CLOUD : Deployment.DATACENTER;
    }

    // ---------------------------------------------------------------------------------------------
    // Create

    @Override
    public List<CreateResult> create(List<NewTicket> requests) throws TrackerException {
        Session s = session();
        CreateResult[] results = new CreateResult[requests.size()];
        List<Indexed<TicketPreparer.Ready>> ready = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            switch (s.preparer().prepare(requests.get(i))) {
                case TicketPreparer.Ready r -> ready.add(new Indexed<>(i, r));
                case TicketPreparer.Rejected r -> results[i] = new CreateResult.Failed(r.request(), r.kind(), r.message());
            }
        }
        List<List<Indexed<TicketPreparer.Ready>>> batches = chunks(ready, CREATE_BATCH);
        for (List<Indexed<CreateResult>> batch : inParallel(batches, b -> sendBatch(s, b))) {
            for (Indexed<CreateResult> r : batch) {
                results[r.index()] = r.value();
            }
        }
        return List.of(results);
    }

    private record Indexed<T>(int index, T value) {}

    private List<Indexed<CreateResult>> sendBatch(Session s, List<Indexed<TicketPreparer.Ready>> batch) throws TrackerException {
        ObjectNode body = JiraHttp.JSON.createObjectNode();
        ArrayNode updates = body.putArray("issueUpdates");
        batch.forEach(r -> updates.addObject().set("fields", r.value().fields()));
        HttpUrl url = http.api(s.dialect().apiVersion(), "issue", "bulk").build();
        JiraAnswer answer;
        try {
            answer = http.exchange(Op.CREATE, "POST", url, body, false);
        } catch (TrackerException noAnswer) {
            return adoptAfterUncertainCreate(batch, noAnswer.getMessage());
        }
        if (answer.code() == 401) {
            throw http.failure(Op.CREATE, url, "POST", answer);
        }
        if (answer.code() >= 500) {
            return adoptAfterUncertainCreate(batch, "Jira answered HTTP " + answer.code());
        }
        JsonNode json = answer.json();
        boolean bulkShape = json.path("issues").isArray() || json.path("errors").isArray();
        if (!bulkShape) {
            // The whole request was refused (a 403, a 429 past the retry budget, a top-level 400):
            // nothing was created.
            TrackerException failure = http.failure(Op.CREATE, url, "POST", answer);
            return batch.stream()
                    .map(r -> new Indexed<CreateResult>(r.index(), new CreateResult.Failed(r.value().request(), failure.kind(), failure.getMessage())))
                    .toList();
        }
        return readBulkAnswer(batch, json);
    }

    /**
     * Maps a bulk answer back to its requests. Jira lists the created issues in request order and
     * the rejected ones by {@code failedElementNumber} (0-based); it answers 201 when any was
     * created and 400 when none was, with the same shape.
     */
    private List<Indexed<CreateResult>> readBulkAnswer(List<Indexed<TicketPreparer.Ready>> batch, JsonNode json) throws TrackerException {
        Map<Integer, CreateResult> failed = new HashMap<>();
        for (JsonNode error : json.path("errors")) {
            int n = error.path("failedElementNumber").asInt(-1);
            if (n < 0 || n >= batch.size()) {
                continue;
            }
            JsonNode element = error.path("elementErrors");
            int status = error.path("status").asInt(element.path("status").asInt(400));
            String reasons = JiraErrors.reasons(element);
            failed.put(n, new CreateResult.Failed(batch.get(n).value().request(), JiraErrors.kindOf(status),
                    "Jira rejected the ticket" + (reasons.isEmpty() ? " (HTTP " + status + ")" : ": " + reasons)));
        }
        List<JsonNode> created = new ArrayList<>();
        json.path("issues").forEach(created::add);
        int expected = batch.size() - failed.size();
        if (created.size() != expected) {
            // The answer does not say which created issue belongs to which request: ask by label.
            List<Indexed<TicketPreparer.Ready>> unsure = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (!failed.containsKey(i)) {
                    unsure.add(batch.get(i));
                }
            }
            List<Indexed<CreateResult>> out = new ArrayList<>(adoptAfterUncertainCreate(unsure,
                    "Jira reported " + created.size() + " created issues for " + expected + " accepted requests"));
            failed.forEach((n, r) -> out.add(new Indexed<>(batch.get(n).index(), r)));
            return out;
        }
        List<Indexed<CreateResult>> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            Indexed<TicketPreparer.Ready> r = batch.get(i);
            CreateResult result = failed.get(i);
            if (result == null) {
                JsonNode issue = created.get(next++);
                remember(issue.path("id").asText());
                result = new CreateResult.Created(r.value().request(), issue.path("key").asText(), false);
            }
            out.add(new Indexed<>(r.index(), result));
        }
        return out;
    }

    /**
     * A create whose fate is unknown (no answer, a time-out, a 5xx, an answer that does not add up)
     * is never sent again blindly: the tickets are looked up by their sync-key labels. Found ones
     * are adopted; the rest are reported as transient failures and not re-sent in this call, since
     * Cloud search may not show a ticket created seconds ago and a server that timed out may still
     * be creating it. The next pass looks them up again before creating anything.
     */
    private List<Indexed<CreateResult>> adoptAfterUncertainCreate(List<Indexed<TicketPreparer.Ready>> batch, String why) {
        log.warn("Jira did not confirm a create of {} ticket(s) ({}); looking them up by their sync-key labels", batch.size(), why);
        List<SyncKey> keys = batch.stream().map(r -> r.value().request().item().syncKey()).distinct().toList();
        Map<SyncKey, List<Ticket>> found;
        try {
            found = findBySyncKeys(keys);
        } catch (TrackerException e) {
            return batch.stream()
                    .map(r -> new Indexed<CreateResult>(r.index(), new CreateResult.Failed(r.value().request(), Kind.TRANSIENT,
                            "Jira did not confirm creating this ticket (" + why + ") and looking it up failed too (" + e.getMessage()
                                    + "); it was not sent again: the next pass looks it up before creating it")))
                    .toList();
        }
        List<Indexed<CreateResult>> out = new ArrayList<>();
        for (Indexed<TicketPreparer.Ready> r : batch) {
            SyncKey key = r.value().request().item().syncKey();
            List<Ticket> tickets = found.getOrDefault(key, List.of());
            CreateResult result = tickets.isEmpty()
                    ? new CreateResult.Failed(r.value().request(), Kind.TRANSIENT, "Jira did not confirm creating this ticket (" + why
                            + ") and no ticket with label " + key.label() + " exists yet; it was not sent again, so it cannot exist twice: "
                            + "the next pass looks it up again and creates it if it is still missing")
                    : new CreateResult.Created(r.value().request(), oldest(tickets).key(), true);
            out.add(new Indexed<>(r.index(), result));
        }
        return out;
    }

    private static Ticket oldest(List<Ticket> tickets) {
        return tickets.stream()
                .min(Comparator.comparingLong((Ticket t) -> parseLongOr(t.id(), Long.MAX_VALUE)).thenComparing(Ticket::key))
                .orElseThrow();
    }

    private static long parseLongOr(String s, long fallback) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }

    /** Cloud search is eventually consistent: ids created here are passed as reconcileIssues for a while. */
    private void remember(String id) {
        long numeric = parseLongOr(id, -1);
        if (numeric < 0) {
            return;
        }
        synchronized (recentlyCreated) {
            recentlyCreated.addLast(new Recent(numeric, clock.instant()));
            while (recentlyCreated.size() > CloudDialect.MAX_RECONCILE) {
                recentlyCreated.removeFirst();
            }
        }
    }

    private List<Long> reconcileIds() {
        Instant cutoff = clock.instant().minus(RECONCILE_WINDOW);
        synchronized (recentlyCreated) {
            recentlyCreated.removeIf(r -> r.at().isBefore(cutoff));
            return recentlyCreated.stream().map(Recent::id).toList();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Search and read

    @Override
    public Map<SyncKey, List<Ticket>> findBySyncKeys(Collection<SyncKey> keys) throws TrackerException {
        Session s = session();
        List<SyncKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        Map<SyncKey, List<Ticket>> result = new LinkedHashMap<>();
        distinct.forEach(k -> result.put(k, new ArrayList<>()));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        List<Long> reconcile = reconcileIds();
        List<List<Ticket>> pages = inParallel(chunks(distinct, LABELS_PER_SEARCH), chunk -> {
            String jql = Jql.in("labels", chunk.stream().map(SyncKey::label).toList()) + " ORDER BY key ASC";
            return parse(s, s.dialect().search(jql, PAGE_SIZE, reconcile));
        });
        for (List<Ticket> tickets : pages) {
            for (Ticket t : tickets) {
                for (String label : t.labels()) {
                    SyncKey k = SyncKey.fromLabel(label);
                    List<Ticket> bucket = k == null ? null : result.get(k);
                    if (bucket != null && bucket.stream().noneMatch(x -> Objects.equals(x.key(), t.key()))) {
                        bucket.add(t);
                    }
                }
            }
        }
        Map<SyncKey, List<Ticket>> frozen = new LinkedHashMap<>();
        result.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    @Override
    public List<Ticket> findUpdatedSince(Instant since) throws TrackerException {
        Session s = session();
        String jql = Jql.eq("labels", OWN_LABEL);
        if (since != null && since.isAfter(Instant.EPOCH)) {
            jql += " AND " + Jql.atOrAfter("updated", since, userZone(s));
        }
        return parse(s, s.dialect().search(jql + " ORDER BY key ASC", PAGE_SIZE, reconcileIds()));
    }

    /**
     * JQL reads dates in the searching user's time zone, so the daemon asks Jira which one that is
     * (once per process).
     */
    private ZoneId userZone(Session s) throws TrackerException {
        ZoneId zone = userZone;
        if (zone != null) {
            return zone;
        }
        JsonNode me = http.get(Op.USER, http.api(s.dialect().apiVersion(), "myself").build());
        String id = me.path("timeZone").asText("");
        try {
            zone = id.isEmpty() ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (DateTimeException e) {
            log.warn("Jira reports the time zone \"{}\" for the configured user, which Java does not know; reading JQL dates as UTC", id);
            zone = ZoneOffset.UTC;
        }
        userZone = zone;
        return zone;
    }

    @Override
    public TicketLookup read(Collection<String> keys) throws TrackerException {
        Session s = session();
        Map<String, Ticket> found = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        Map<String, String> askFor = new LinkedHashMap<>();
        for (String key : new LinkedHashSet<>(keys)) {
            if (key == null || !ISSUE_KEY.matcher(key).matches() || missingKeys.getIfPresent(norm(key)) != null) {
                missing.add(key);
            } else {
                askFor.put(key, movedKeys.asMap().getOrDefault(norm(key), norm(key)));
            }
        }
        List<String> wanted = List.copyOf(new LinkedHashSet<>(askFor.values()));
        List<List<Ticket>> batches = inParallel(chunks(wanted, s.dialect().keysPerRequest()), chunk -> parse(s, s.dialect().fetchByKeys(chunk)));
        Map<String, Ticket> byKey = new HashMap<>();
        batches.forEach(batch -> batch.forEach(t -> byKey.put(norm(t.key()), t)));
        List<String> unmatched = new ArrayList<>();
        askFor.forEach((asked, current) -> {
            Ticket t = byKey.get(current);
            if (t != null) {
                found.put(asked, t);
            } else {
                unmatched.add(asked);
            }
        });
        // Moved (new key) or deleted since last seen: one GET each tells which; the answer is cached.
        List<Indexed<Ticket>> resolved = inParallel(unmatched, asked -> new Indexed<>(0, getIssue(s, asked)));
        for (int i = 0; i < unmatched.size(); i++) {
            String asked = unmatched.get(i);
            Ticket t = resolved.get(i).value();
            if (t == null) {
                missing.add(asked);
                missingKeys.put(norm(asked), Boolean.TRUE);
            } else {
                found.put(asked, t);
                if (!norm(t.key()).equals(norm(asked))) {
                    movedKeys.put(norm(asked), norm(t.key()));
                }
            }
        }
        return new TicketLookup(found, missing);
    }

    /** One issue by key, following a move; null when it does not exist (or is not visible). */
    private Ticket getIssue(Session s, String key) throws TrackerException {
        HttpUrl url = http.api(s.dialect().apiVersion(), "issue", key)
                .addQueryParameter("fields", String.join(",", IssueParser.FIELDS))
                .build();
        try {
            return IssueParser.parse(http.get(Op.READ, url), s.dialect().userField());
        } catch (TrackerException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static List<Ticket> parse(Session s, List<JsonNode> issues) {
        return issues.stream().map(i -> IssueParser.parse(i, s.dialect().userField())).toList();
    }

    private static String norm(String key) {
        return key.toUpperCase(Locale.ROOT);
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
            List<String> names = s.metadata().linkTypes().stream().map(JiraMetadata.LinkType::name).toList();
            throw new TrackerException(Kind.CLIENT_ERROR, "issue link type \"" + wanted + "\" does not exist in Jira (available: "
                    + String.join(", ", names) + "): fix tracker.incidentLink");
        }
        ObjectNode body = JiraHttp.JSON.createObjectNode();
        body.putObject("type").put("name", type.name());
        body.putObject("inwardIssue").put("key", ticketKey);
        body.putObject("outwardIssue").put("key", incidentKey);
        // Jira keeps one link per type and pair of issues, so repeating the call is harmless.
        http.post(Op.LINK, http.api(s.dialect().apiVersion(), "issueLink").build(), body, true);
    }

    @Override
    public void upsertDocumentLink(String ticketKey, SyncKey syncKey, String documentUrl, String title) throws TrackerException {
        Session s = session();
        if (documentUrl == null || HttpUrl.parse(documentUrl) == null) {
            throw new TrackerException(Kind.CLIENT_ERROR, "the document link \"" + documentUrl
                    + "\" is not an http(s) URL: check source.linkTemplate");
        }
        ObjectNode body = JiraHttp.JSON.createObjectNode().put("globalId", "postmortem-sync:" + syncKey.value());
        body.putObject("application").put("type", "io.postmortemsync").put("name", "postmortem-sync");
        body.put("relationship", "postmortem");
        ObjectNode object = body.putObject("object").put("url", documentUrl).put("title", title == null || title.isBlank() ? documentUrl : title);
        object.putObject("icon").put("title", "Postmortem");
        // Jira updates the link with the same globalId in place, so this is safe to repeat.
        http.post(Op.REMOTE_LINK, http.api(s.dialect().apiVersion(), "issue", ticketKey, "remotelink").build(), body, true);
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

    // ---------------------------------------------------------------------------------------------
    // Helpers

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return out;
    }

    @FunctionalInterface
    private interface Work<T, R> {
        R apply(T input) throws TrackerException;
    }

    /**
     * Runs independent requests side by side, results in input order. The HTTP layer's bound
     * ({@code tracker.maxConcurrency}) decides how many are really in flight; the first failure
     * (in input order) is rethrown once all have finished, so none is left running.
     */
    private <T, R> List<R> inParallel(List<T> inputs, Work<T, R> work) throws TrackerException {
        if (inputs.isEmpty()) {
            return List.of();
        }
        if (inputs.size() == 1 || maxConcurrency == 1) {
            List<R> out = new ArrayList<>();
            for (T input : inputs) {
                out.add(work.apply(input));
            }
            return out;
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = inputs.stream().map(i -> pool.submit(() -> work.apply(i))).toList();
            List<R> out = new ArrayList<>();
            TrackerException first = null;
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TrackerException te) {
                        first = first == null ? te : first;
                        out.add(null);
                    } else if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    } else {
                        throw new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TrackerException(Kind.TRANSIENT, "interrupted while waiting for Jira", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return out;
        }
    }
}
