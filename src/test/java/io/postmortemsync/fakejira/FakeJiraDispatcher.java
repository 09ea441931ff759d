package io.postmortemsync.fakejira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.postmortemsync.fakejira.FakeJira.FakeUser;
import io.postmortemsync.fakejira.FakeJira.IssueTypeDef;
import io.postmortemsync.fakejira.FakeJira.LinkDef;
import io.postmortemsync.fakejira.FakeJira.LinkTypeDef;
import io.postmortemsync.fakejira.FakeJira.Mode;
import io.postmortemsync.fakejira.FakeJira.ProjectDef;
import io.postmortemsync.fakejira.FakeJira.ScreenField;
import io.postmortemsync.fakejira.FakeJira.StatusDef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Credentials;
import okhttp3.HttpUrl;

/** The HTTP side of {@link FakeJira}: routes, authentication, faults, validation, and Jira's answers. */
final class FakeJiraDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmX");
    private static final Pattern KEY_FORM = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*-[0-9]+$");
    private static final Set<String> NAVIGABLE = Set.of(
            "summary",
            "status",
            "resolution",
            "labels",
            "duedate",
            "assignee",
            "issuelinks",
            "updated",
            "created",
            "priority",
            "issuetype",
            "project",
            "description");
    private static final Set<String> DC_SEARCH_KEYS =
            Set.of("jql", "startAt", "maxResults", "fields", "expand", "validateQuery", "properties", "fieldsByKeys");

    private final FakeJira j;
    /** The site's base URL without a trailing slash; fixed once the server runs. */
    private volatile String base;

    FakeJiraDispatcher(FakeJira jira) {
        this.j = jira;
    }

    /** What a handler answers. */
    private record Answer(int status, String body, String contentType, Map<String, String> headers) {
        static Answer json(int status, JsonNode body) {
            return new Answer(status, write(body), "application/json;charset=UTF-8", Map.of());
        }

        static Answer errors(int status, String... messages) {
            ObjectNode e = F.objectNode();
            ArrayNode m = e.putArray("errorMessages");
            for (String s : messages) {
                m.add(s);
            }
            e.putObject("errors");
            return json(status, e);
        }

        static Answer fieldErrors(int status, Map<String, String> errors) {
            ObjectNode e = F.objectNode();
            e.putArray("errorMessages");
            ObjectNode fields = e.putObject("errors");
            errors.forEach(fields::put);
            return json(status, e);
        }

        static Answer empty(int status) {
            return new Answer(status, "", null, Map.of());
        }

        static Answer text(int status, String contentType, String body) {
            return new Answer(status, body, contentType, Map.of());
        }
    }

    /** A request as the handlers see it. */
    private record Call(String method, String version, List<String> rest, HttpUrl url, JsonNode body, Fault fault) {
        String query(String name) {
            return url.queryParameter(name);
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        j.enter();
        try {
            return handle(request);
        } finally {
            j.leave();
        }
    }

    private MockResponse handle(RecordedRequest request) throws InterruptedException {
        long received = System.nanoTime();
        HttpUrl url = request.getUrl();
        String method = request.getMethod();
        String bodyText = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
        String path = url.encodedPath();
        String local = path.startsWith(j.contextPath + "/") ? path.substring(j.contextPath.length()) : null;
        List<String> segments =
                local == null ? List.of() : List.of(local.substring(1).split("/"));
        Operation op = operation(method, segments);

        CountDownLatch gate = j.gate(op);
        if (gate != null) {
            gate.await(30, TimeUnit.SECONDS);
        }

        MockResponse response;
        int status;
        if (!authorized(request.getHeaders().get("Authorization"))) {
            Answer a = unauthorized();
            status = a.status();
            response = toResponse(a);
        } else {
            if (j.mode == Mode.CLOUD && local != null) {
                validateCloudRequest(
                        method,
                        url,
                        local,
                        segments,
                        request.getHeaders().get("Content-Type"),
                        request.getHeaders().get("Authorization"),
                        bodyText,
                        op);
            }
            JsonNode body = parse(bodyText);
            Fault fault = j.nextFault(op);
            Call call = new Call(
                    method,
                    segments.size() > 2 ? segments.get(2) : "",
                    segments.size() > 3 ? segments.subList(3, segments.size()) : List.of(),
                    url,
                    body,
                    fault);
            switch (fault) {
                case Fault.RateLimited r -> {
                    Answer a = Answer.text(429, "text/plain", "Rate limit exceeded.");
                    MockResponse.Builder b = builder(a);
                    if (r.withRetryAfter()) {
                        b.setHeader("Retry-After", Integer.toString(r.retryAfterSeconds()));
                    }
                    Instant reset = j.now().plusSeconds(Math.max(1, r.retryAfterSeconds()));
                    b.setHeader("X-RateLimit-Reset", RESET.format(reset.atZone(java.time.ZoneOffset.UTC)));
                    b.setHeader("RateLimit-Reason", "jira-burst-based");
                    status = 429;
                    response = b.build();
                }
                case Fault.Status s -> {
                    status = s.code();
                    response = toResponse(serverError(s.code()));
                }
                case Fault.StatusAfterProcessing s -> {
                    route(op, call);
                    status = s.code();
                    response = toResponse(serverError(s.code()));
                }
                case Fault.Slow s -> {
                    Answer a = route(op, call);
                    status = a.status();
                    response = builder(a)
                            .headersDelay(s.delay().toMillis(), TimeUnit.MILLISECONDS)
                            .build();
                }
                case Fault.Disconnect d -> {
                    if (d.processed()) {
                        route(op, call);
                    }
                    status = 0;
                    response = new MockResponse.Builder()
                            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                            .build();
                }
                case null, default -> {
                    Answer a = route(op, call);
                    status = a.status();
                    if (j.mode == Mode.CLOUD
                            && local != null
                            && a.status() >= 200
                            && a.status() < 300
                            && !a.body().isEmpty()
                            && a.contentType() != null
                            && a.contentType().startsWith("application/json")
                            && j.checkAnswer(op)) {
                        for (String problem :
                                OpenApiCheck.response(method, specPath(local, segments), a.status(), a.body())) {
                            j.violation("the fake itself answered " + method + " " + local
                                    + " off-spec (fix the fake): " + problem);
                        }
                    }
                    response = toResponse(a);
                }
            }
        }
        j.log.add(new FakeJira.LoggedRequest(
                op,
                method,
                local == null ? path : local,
                url.encodedQuery(),
                request.getHeaders(),
                bodyText,
                status,
                received,
                System.nanoTime()));
        if (!j.latency.isZero() && status != 0) {
            response = new MockResponse.Builder(response)
                    .headersDelay(j.latency.toMillis(), TimeUnit.MILLISECONDS)
                    .build();
        }
        return response;
    }

    // ---------------------------------------------------------------------------------------------
    // Routing

    private Operation operation(String method, List<String> s) {
        if (s.size() < 4 || !s.get(0).equals("rest") || !s.get(1).equals("api")) {
            return Operation.UNKNOWN;
        }
        String v = s.get(2);
        List<String> r = s.subList(3, s.size());
        boolean cloud = j.mode == Mode.CLOUD;
        if (!(v.equals("2") || v.equals("latest") || (cloud && v.equals("3")))) {
            return Operation.UNKNOWN;
        }
        String first = r.getFirst();
        return switch (first) {
            case "serverInfo" -> method.equals("GET") && r.size() == 1 ? Operation.SERVER_INFO : Operation.UNKNOWN;
            case "myself" -> method.equals("GET") ? Operation.MYSELF : Operation.UNKNOWN;
            case "search" -> {
                if (r.size() == 2 && r.get(1).equals("jql") && cloud && method.equals("POST")) {
                    yield Operation.SEARCH;
                }
                if (r.size() == 1 && cloud) {
                    yield Operation.REMOVED_SEARCH;
                }
                yield r.size() == 1 && method.equals("POST") ? Operation.SEARCH : Operation.UNKNOWN;
            }
            case "issue" -> {
                if (r.size() == 2 && r.get(1).equals("bulk") && method.equals("POST")) {
                    yield Operation.CREATE;
                }
                if (r.size() == 2 && r.get(1).equals("bulkfetch") && method.equals("POST") && cloud) {
                    yield Operation.BULK_FETCH;
                }
                if (r.size() >= 4
                        && r.get(1).equals("createmeta")
                        && r.get(3).equals("issuetypes")
                        && method.equals("GET")) {
                    yield Operation.CREATEMETA;
                }
                if (r.size() == 2 && method.equals("GET") && !r.get(1).equals("createmeta")) {
                    yield Operation.GET_ISSUE;
                }
                if (r.size() == 3 && r.get(2).equals("remotelink")) {
                    yield Operation.REMOTE_LINK;
                }
                yield Operation.UNKNOWN;
            }
            case "issueLink" -> method.equals("POST") && r.size() == 1 ? Operation.ISSUE_LINK : Operation.UNKNOWN;
            case "issueLinkType" -> method.equals("GET") && r.size() == 1 ? Operation.LINK_TYPES : Operation.UNKNOWN;
            case "user" ->
                r.size() == 1
                        ? Operation.USER
                        : r.size() == 2 && r.get(1).equals("search") ? Operation.USER_SEARCH : Operation.UNKNOWN;
            case "project" -> method.equals("GET") && r.size() == 2 ? Operation.PROJECT : Operation.UNKNOWN;
            case "mypermissions" -> method.equals("GET") ? Operation.PERMISSIONS : Operation.UNKNOWN;
            default -> Operation.UNKNOWN;
        };
    }

    private Answer route(Operation op, Call call) {
        synchronized (j.lock) {
            return switch (op) {
                case SERVER_INFO -> serverInfo();
                case MYSELF -> Answer.json(200, user(j.me, call.version()));
                case CREATE -> bulkCreate(call);
                case SEARCH -> j.mode == Mode.CLOUD ? cloudSearch(call) : dcSearch(call);
                case BULK_FETCH -> bulkFetch(call);
                case GET_ISSUE -> getIssue(call);
                case REMOTE_LINK -> remoteLink(call);
                case ISSUE_LINK -> issueLink(call);
                case LINK_TYPES -> linkTypes(call);
                case USER -> getUser(call);
                case USER_SEARCH -> userSearch(call);
                case PROJECT -> project(call);
                case PERMISSIONS -> permissions(call);
                case CREATEMETA -> createMeta(call);
                case REMOVED_SEARCH -> {
                    j.violation("called the removed search API " + call.method() + " /rest/api/" + call.version()
                            + "/search" + " (Jira Cloud answers 410 Gone: use POST /rest/api/3/search/jql)");
                    yield Answer.errors(
                            410,
                            "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
                                    + "A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046");
                }
                case UNKNOWN -> {
                    j.violation("unexpected request " + call.method() + " "
                            + call.url().encodedPath() + " (the fake does not serve it: "
                            + (j.mode == Mode.DATACENTER && call.version().equals("3")
                                    ? "Data Center has no REST v3"
                                    : "not a Jira API the adapter should need")
                            + ")");
                    yield Answer.errors(404, "null for uri: " + call.url());
                }
            };
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Authentication and validation

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        return j.mode == Mode.CLOUD
                ? header.equals(Credentials.basic(j.email, j.apiToken.reveal(), StandardCharsets.UTF_8))
                : header.equals("Bearer " + j.pat.reveal())
                        || header.equals(Credentials.basic(j.me.id(), j.dcPassword.reveal(), StandardCharsets.UTF_8));
    }

    private Answer unauthorized() {
        return j.mode == Mode.CLOUD
                ? Answer.text(401, "text/plain;charset=UTF-8", "Client must be authenticated to access this resource.")
                : Answer.errors(401, "You are not authenticated. Authentication required to perform this operation.");
    }

    private void validateCloudRequest(
            String method,
            HttpUrl url,
            String local,
            List<String> segments,
            String contentType,
            String authorization,
            String body,
            Operation op) {
        if (op == Operation.REMOVED_SEARCH || op == Operation.UNKNOWN) {
            return; // recorded when routed
        }
        if (segments.size() > 2 && segments.get(2).equals("2") && op != Operation.SERVER_INFO) {
            j.violation(method + " " + local
                    + ": a Jira Cloud client should use REST v3 (only serverInfo is read through v2, "
                    + "to detect the deployment the same way on both products)");
        }
        if (!j.checkRequest(op)) {
            return;
        }
        for (String problem :
                OpenApiCheck.request(method, url, specPath(local, segments), contentType, authorization, body)) {
            j.violation(method + " " + local + " does not conform to Atlassian's OpenAPI document: " + problem);
        }
    }

    /** The path as the v3 document names it (v2 serverInfo has the same shape as v3's). */
    private static String specPath(String local, List<String> segments) {
        if (segments.size() > 2
                && (segments.get(2).equals("2") || segments.get(2).equals("latest"))) {
            return "/rest/api/3" + local.substring(("/rest/api/" + segments.get(2)).length());
        }
        return local;
    }

    private Answer serverError(int code) {
        if (code == 500) {
            return Answer.errors(500, "Internal server error");
        }
        return Answer.text(
                code,
                "text/html",
                "<html><body><h1>" + code + "</h1><p>The service is temporarily unavailable.</p></body></html>");
    }

    // ---------------------------------------------------------------------------------------------
    // Server info, users

    private Answer serverInfo() {
        ObjectNode info = F.objectNode().put("baseUrl", base());
        if (j.mode == Mode.CLOUD) {
            info.put("version", "1001.0.0-SNAPSHOT");
            info.putArray("versionNumbers").add(1001).add(0).add(0);
            info.put("deploymentType", "Cloud")
                    .put("buildNumber", 100289)
                    .put("scmInfo", "57a0ca5b4a0bb0ac5f3fee4764acb1c14e4d7e71")
                    .put("serverTitle", "Jira");
        } else {
            info.put("version", "9.12.3");
            info.putArray("versionNumbers").add(9).add(12).add(3);
            info.put("deploymentType", "Server")
                    .put("buildNumber", 9120003)
                    .put("scmInfo", "d8eba6bd4a8c5e1f2b97c7a3fa7a6e2d8e0b6b19")
                    .put("serverTitle", "Jira");
        }
        return Answer.json(200, info);
    }

    private ObjectNode user(FakeUser u, String version) {
        ObjectNode n = F.objectNode();
        if (j.mode == Mode.CLOUD) {
            n.put("self", base() + "/rest/api/" + version + "/user?accountId=" + u.id());
            n.put("accountId", u.id()).put("accountType", "atlassian");
            if (u.emailVisible()) {
                n.put("emailAddress", u.email());
            }
        } else {
            n.put("self", base() + "/rest/api/2/user?username=" + u.id());
            n.put("key", "JIRAUSER" + Math.abs(u.id().hashCode() % 100000))
                    .put("name", u.id())
                    .put("emailAddress", u.email());
        }
        n.put("displayName", u.displayName())
                .put("active", u.active())
                .put("timeZone", u.timeZone())
                .put("locale", "en_US");
        return n;
    }

    private Answer getUser(Call call) {
        if (!call.method().equals("GET")) {
            return Answer.errors(405, "Method not allowed");
        }
        if (j.mode == Mode.CLOUD) {
            if (call.query("username") != null) {
                return Answer.errors(400, "The query parameter 'username' is not supported in GDPR strict mode.");
            }
            String id = call.query("accountId");
            FakeUser u = id == null ? null : j.users.get(id);
            return u == null
                    ? Answer.errors(404, "Specified user does not exist or you do not have required permissions")
                    : Answer.json(200, user(u, call.version()));
        }
        String name = call.query("username");
        FakeUser u = name == null
                ? null
                : j.users.values().stream()
                        .filter(x -> x.id().equalsIgnoreCase(name))
                        .findFirst()
                        .orElse(null);
        return u == null
                ? Answer.errors(404, "The user named '" + name + "' does not exist")
                : Answer.json(200, user(u, call.version()));
    }

    private Answer userSearch(Call call) {
        String q = j.mode == Mode.CLOUD ? call.query("query") : call.query("username");
        if (q == null || q.isBlank()) {
            return Answer.errors(
                    400,
                    j.mode == Mode.CLOUD
                            ? "The query parameter 'query' is required."
                            : "The username query parameter was not provided");
        }
        String needle = q.toLowerCase(Locale.ROOT);
        ArrayNode out = F.arrayNode();
        for (FakeUser u : j.users.values()) {
            boolean byName = List.of(u.displayName().toLowerCase(Locale.ROOT).split("\\s+")).stream()
                            .anyMatch(w -> w.startsWith(needle))
                    || u.displayName().toLowerCase(Locale.ROOT).startsWith(needle);
            boolean byEmail =
                    u.email() != null && u.email().toLowerCase(Locale.ROOT).startsWith(needle);
            boolean byUsername =
                    j.mode == Mode.DATACENTER && u.id().toLowerCase(Locale.ROOT).startsWith(needle);
            if (byName || byEmail || byUsername) {
                out.add(user(u, call.version()));
            }
        }
        return Answer.json(200, out);
    }

    // ---------------------------------------------------------------------------------------------
    // Projects and metadata

    private ProjectDef findProject(String keyOrId) {
        return j.projects.values().stream()
                .filter(p -> p.key.equalsIgnoreCase(keyOrId) || p.id.equals(keyOrId))
                .findFirst()
                .filter(p -> p.permissions.contains("BROWSE_PROJECTS"))
                .orElse(null);
    }

    private Answer project(Call call) {
        ProjectDef p = findProject(call.rest().get(1));
        if (p == null) {
            return Answer.errors(
                    404, "No project could be found with key '" + call.rest().get(1) + "'.");
        }
        ObjectNode n = F.objectNode()
                .put("self", base() + "/rest/api/" + call.version() + "/project/" + p.id)
                .put("id", p.id)
                .put("key", p.key)
                .put("name", p.name)
                .put("projectTypeKey", "software");
        if (j.mode == Mode.CLOUD) {
            n.put("simplified", p.teamManaged)
                    .put("style", p.teamManaged ? "next-gen" : "classic")
                    .put("isPrivate", false);
        }
        ArrayNode types = n.putArray("issueTypes");
        p.issueTypes.values().forEach(t -> types.add(issueType(t, call.version(), false)));
        return Answer.json(200, n);
    }

    private ObjectNode issueType(IssueTypeDef t, String version, boolean createMeta) {
        ObjectNode n = F.objectNode()
                .put("self", base() + "/rest/api/" + version + "/issuetype/" + t.id())
                .put("id", t.id())
                .put("iconUrl", base() + "/images/icons/issuetypes/" + t.name().toLowerCase(Locale.ROOT) + ".svg")
                .put("name", t.name())
                .put("subtask", t.subtask());
        if (j.mode == Mode.CLOUD) {
            n.put("hierarchyLevel", t.subtask() ? -1 : 0);
            if (!createMeta) {
                n.put("description", t.name() + " issue type");
            }
        } else {
            n.put("description", t.name() + " issue type");
        }
        return n;
    }

    private Answer permissions(Call call) {
        String wanted = call.query("permissions");
        if (j.mode == Mode.CLOUD && (wanted == null || wanted.isBlank())) {
            return Answer.errors(400, "The 'permissions' query parameter is required.");
        }
        String projectKey = call.query("projectKey");
        ProjectDef p = projectKey == null ? null : findProject(projectKey);
        if (projectKey != null && p == null) {
            return Answer.errors(404, "No project could be found with key '" + projectKey + "'.");
        }
        List<String> keys = wanted == null ? FakeJira.ALL_PERMISSIONS : List.of(wanted.split(","));
        ObjectNode perms = F.objectNode();
        for (String k : keys) {
            String key = k.strip();
            perms.putObject(key)
                    .put("id", Integer.toString(Math.abs(key.hashCode() % 100)))
                    .put("key", key)
                    .put(
                            "name",
                            key.charAt(0)
                                    + key.substring(1).toLowerCase(Locale.ROOT).replace('_', ' '))
                    .put("type", "PROJECT")
                    .put(
                            "description",
                            "Ability to " + key.toLowerCase(Locale.ROOT).replace('_', ' ') + ".")
                    .put("havePermission", p == null || p.permissions.contains(key));
        }
        ObjectNode out = F.objectNode();
        out.set("permissions", perms);
        return Answer.json(200, out);
    }

    private Answer createMeta(Call call) {
        List<String> r = call.rest();
        ProjectDef p = findProject(r.get(2));
        if (p == null) {
            return Answer.errors(404, "No project could be found with key '" + r.get(2) + "'.");
        }
        int startAt = intParam(call, "startAt", 0);
        int max = Math.min(intParam(call, "maxResults", 50), j.mode == Mode.CLOUD ? 200 : 50);
        List<JsonNode> items = new ArrayList<>();
        if (r.size() == 4) {
            if (p.permissions.contains("CREATE_ISSUES")) {
                p.issueTypes.values().forEach(t -> items.add(issueType(t, call.version(), true)));
            }
        } else {
            IssueTypeDef type = p.issueTypes.get(r.get(4));
            if (type == null) {
                return Answer.errors(
                        404,
                        "Issue type with id '" + r.get(4) + "' does not exist or is not visible in project " + p.key
                                + ".");
            }
            for (ScreenField f : p.screens.get(type.id()).values()) {
                items.add(fieldMeta(f, call.version()));
            }
        }
        ObjectNode page =
                F.objectNode().put("maxResults", max).put("startAt", startAt).put("total", items.size());
        ArrayNode values = F.arrayNode();
        items.stream().skip(startAt).limit(max).forEach(values::add);
        if (j.mode == Mode.CLOUD) {
            page.set(r.size() == 4 ? "issueTypes" : "fields", values);
        } else {
            page.put("isLast", startAt + max >= items.size());
            page.set("values", values);
        }
        return Answer.json(200, page);
    }

    private ObjectNode fieldMeta(ScreenField f, String version) {
        ObjectNode n = F.objectNode().put("required", f.required());
        ObjectNode schema = n.putObject("schema").put("type", f.schemaType());
        if (f.system() != null) {
            schema.put("system", f.system());
        } else {
            schema.put("custom", "com.atlassian.jira.plugin.system.customfieldtypes:textfield")
                    .put("customId", 10_050);
        }
        if (f.schemaType().equals("array")) {
            schema.put("items", "string");
        }
        n.put("name", f.name()).put("key", f.id()).put("fieldId", f.id()).put("hasDefaultValue", f.hasDefault());
        ArrayNode ops = n.putArray("operations");
        ops.add("set");
        if (f.id().equals("labels")) {
            ops.add("add").add("remove");
        }
        if (f.id().equals("priority")) {
            ArrayNode allowed = n.putArray("allowedValues");
            for (int i = 0; i < j.priorities.size(); i++) {
                allowed.addObject()
                        .put("self", base() + "/rest/api/" + version + "/priority/" + (i + 1))
                        .put("id", Integer.toString(i + 1))
                        .put("name", j.priorities.get(i));
            }
        }
        return n;
    }

    private Answer linkTypes(Call call) {
        if (!j.issueLinking) {
            return Answer.errors(404, "Issue linking is disabled.");
        }
        ArrayNode types = F.arrayNode();
        for (LinkTypeDef t : j.linkTypes.values()) {
            types.add(linkType(t, call.version()));
        }
        ObjectNode out = F.objectNode();
        out.set("issueLinkTypes", types);
        return Answer.json(200, out);
    }

    private ObjectNode linkType(LinkTypeDef t, String version) {
        return F.objectNode()
                .put("id", t.id())
                .put("name", t.name())
                .put("inward", t.inward())
                .put("outward", t.outward())
                .put("self", base() + "/rest/api/" + version + "/issueLinkType/" + t.id());
    }

    // ---------------------------------------------------------------------------------------------
    // Create

    private Answer bulkCreate(Call call) {
        JsonNode updates = call.body().path("issueUpdates");
        if (!updates.isArray()) {
            return Answer.errors(400, "Can not deserialize the request: issueUpdates is required.");
        }
        if (updates.size() > 50) {
            return Answer.errors(400, "Issues can be created in bulk for a maximum of 50 issues at a time.");
        }
        Fault.RejectElements reject = call.fault() instanceof Fault.RejectElements r ? r : null;
        ArrayNode created = F.arrayNode();
        ArrayNode errors = F.arrayNode();
        for (int i = 0; i < updates.size(); i++) {
            JsonNode fields = updates.get(i).path("fields");
            Map<String, String> fieldErrors = new LinkedHashMap<>();
            List<String> messages = new ArrayList<>();
            int status = 400;
            if (reject != null && reject.positions().contains(i)) {
                fieldErrors.put(reject.field(), reject.message());
            } else {
                status = validateCreate(fields, fieldErrors, messages);
            }
            if (fieldErrors.isEmpty() && messages.isEmpty()) {
                FakeIssue issue = createFrom(fields);
                created.addObject()
                        .put("id", Long.toString(issue.id))
                        .put("key", issue.key)
                        .put("self", base() + "/rest/api/" + call.version() + "/issue/" + issue.id);
            } else {
                ObjectNode e = errors.addObject().put("status", status);
                ObjectNode element = e.putObject("elementErrors");
                ArrayNode em = element.putArray("errorMessages");
                messages.forEach(em::add);
                ObjectNode fe = element.putObject("errors");
                fieldErrors.forEach(fe::put);
                element.put("status", status);
                e.put("failedElementNumber", i);
            }
        }
        ObjectNode out = F.objectNode();
        out.set("issues", created);
        out.set("errors", errors);
        return Answer.json(created.isEmpty() ? 400 : 201, out);
    }

    /** Jira's checks on one issue's fields; returns the status for its errors. */
    private int validateCreate(JsonNode fields, Map<String, String> errors, List<String> messages) {
        ProjectDef p = null;
        JsonNode project = fields.path("project");
        if (project.hasNonNull("key") || project.hasNonNull("id")) {
            p = j.projects.values().stream()
                    .filter(x -> x.key.equals(project.path("key").asText(null))
                            || x.id.equals(project.path("id").asText(null)))
                    .findFirst()
                    .orElse(null);
        }
        if (p == null) {
            errors.put("project", "valid project is required");
            return 400;
        }
        JsonNode it = fields.path("issuetype");
        ProjectDef proj = p;
        IssueTypeDef type = p.issueTypes.values().stream()
                .filter(t -> t.id().equals(it.path("id").asText(null))
                        || t.name().equalsIgnoreCase(it.path("name").asText("\u0000")))
                .findFirst()
                .orElse(null);
        if (type == null) {
            errors.put("issuetype", "valid issue type is required");
            return 400;
        }
        if (!proj.permissions.contains("CREATE_ISSUES")) {
            messages.add("You do not have permission to create issues in this project.");
            return 403;
        }
        Map<String, ScreenField> screen = proj.screens.get(type.id());
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            String id = e.getKey();
            if (!id.equals("project") && !id.equals("issuetype") && !screen.containsKey(id)) {
                errors.put(id, "Field '" + id + "' cannot be set. It is not on the appropriate screen, or unknown.");
            }
        }
        JsonNode summary = fields.path("summary");
        if (!summary.isTextual() || summary.asText().isBlank()) {
            errors.put("summary", "You must specify a summary of the issue.");
        } else if (summary.asText().length() > 255) {
            errors.put("summary", "Summary must be less than 255 characters.");
        } else if (summary.asText().contains("\n") || summary.asText().contains("\r")) {
            errors.put("summary", "The summary is invalid because it contains newline characters.");
        }
        if (fields.has("description") && screen.containsKey("description")) {
            JsonNode d = fields.path("description");
            if (j.mode == Mode.CLOUD) {
                if (!d.isObject()) {
                    errors.put(
                            "description",
                            "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
                } else {
                    String adfProblem = adfProblem(d);
                    if (adfProblem != null) {
                        errors.put("description", "INVALID_INPUT");
                        j.violation("description is not valid ADF: " + adfProblem);
                    }
                }
            } else if (!d.isTextual()) {
                errors.put("description", "Operation value must be a string");
            }
        }
        if (fields.has("labels") && screen.containsKey("labels")) {
            for (JsonNode l : fields.path("labels")) {
                String label = l.asText();
                if (!l.isTextual() || label.isEmpty()) {
                    errors.put("labels", "Labels must be non-empty strings.");
                } else if (label.chars().anyMatch(Character::isWhitespace)) {
                    errors.put("labels", "The label '" + label + "' contains spaces which is invalid.");
                } else if (label.length() > 255) {
                    errors.put("labels", "The label '" + label + "' exceeds the 255 character limit.");
                }
            }
        }
        if (fields.has("duedate") && screen.containsKey("duedate")) {
            try {
                LocalDate.parse(fields.path("duedate").asText());
            } catch (DateTimeParseException e) {
                errors.put(
                        "duedate",
                        "Error parsing date string: " + fields.path("duedate").asText());
            }
        }
        if (fields.has("priority") && screen.containsKey("priority")) {
            JsonNode pr = fields.path("priority");
            boolean known =
                    j.priorities.stream().anyMatch(x -> x.equals(pr.path("name").asText(null)))
                            || (pr.has("id")
                                    && pr.path("id").asInt(0) >= 1
                                    && pr.path("id").asInt(0) <= j.priorities.size());
            if (!known) {
                errors.put("priority", "Specify a valid value for priority");
            }
        }
        if (fields.has("assignee")
                && screen.containsKey("assignee")
                && !fields.path("assignee").isNull()) {
            JsonNode a = fields.path("assignee");
            String id = j.mode == Mode.CLOUD
                    ? a.path("accountId").asText(a.path("id").asText(null))
                    : a.path("name").asText(null);
            FakeUser u = id == null ? null : j.users.get(id);
            if (!proj.permissions.contains("ASSIGN_ISSUES")) {
                errors.put("assignee", "You do not have permission to assign issues.");
            } else if (u == null || !u.active()) {
                errors.put(
                        "assignee",
                        j.mode == Mode.CLOUD
                                ? "Specify a valid value for assignee"
                                : "User '" + id + "' does not exist.");
            }
        }
        for (ScreenField f : screen.values()) {
            if (f.required() && !f.hasDefault() && !fields.has(f.id())) {
                errors.putIfAbsent(f.id(), f.name() + " is required.");
            }
        }
        return 400;
    }

    private FakeIssue createFrom(JsonNode fields) {
        JsonNode project = fields.path("project");
        ProjectDef p = j.projects.values().stream()
                .filter(x -> x.key.equals(project.path("key").asText(null))
                        || x.id.equals(project.path("id").asText(null)))
                .findFirst()
                .orElseThrow();
        JsonNode it = fields.path("issuetype");
        IssueTypeDef type = p.issueTypes.values().stream()
                .filter(t -> t.id().equals(it.path("id").asText(null))
                        || t.name().equalsIgnoreCase(it.path("name").asText("\u0000")))
                .findFirst()
                .orElseThrow();
        FakeIssue issue = j.newIssue(p, type);
        issue.summary = fields.path("summary").asText();
        issue.descriptionJson = fields.has("description") ? write(fields.path("description")) : null;
        fields.path("labels").forEach(l -> issue.labels.add(l.asText()));
        if (fields.hasNonNull("duedate")) {
            issue.dueDate = LocalDate.parse(fields.path("duedate").asText());
        }
        if (fields.has("priority")) {
            JsonNode pr = fields.path("priority");
            issue.priority = pr.hasNonNull("name")
                    ? pr.path("name").asText()
                    : j.priorities.get(pr.path("id").asInt() - 1);
        } else {
            issue.priority = j.priorities.get(Math.min(2, j.priorities.size() - 1));
        }
        if (fields.hasNonNull("assignee")) {
            JsonNode a = fields.path("assignee");
            issue.assignee = j.mode == Mode.CLOUD
                    ? a.path("accountId").asText(a.path("id").asText())
                    : a.path("name").asText();
        }
        j.changed(issue);
        return issue;
    }

    private static final Set<String> ADF_BLOCKS = Set.of(
            "paragraph",
            "bulletList",
            "orderedList",
            "listItem",
            "heading",
            "blockquote",
            "codeBlock",
            "rule",
            "table",
            "tableRow",
            "tableCell",
            "tableHeader",
            "panel");
    private static final Set<String> ADF_INLINES = Set.of("text", "hardBreak", "mention", "emoji", "inlineCard");
    private static final Set<String> ADF_MARKS =
            Set.of("strong", "em", "link", "code", "strike", "underline", "subsup", "textColor");

    /** The first ADF rule this document breaks, or null. */
    static String adfProblem(JsonNode doc) {
        if (!"doc".equals(doc.path("type").asText())
                || doc.path("version").asInt(0) != 1
                || !doc.path("content").isArray()) {
            return "the root must be {type: doc, version: 1, content: [...]}";
        }
        return adfNodes(doc.path("content"));
    }

    private static String adfNodes(JsonNode content) {
        for (JsonNode n : content) {
            String type = n.path("type").asText();
            if (type.equals("text")) {
                if (!n.path("text").isTextual() || n.path("text").asText().isEmpty()) {
                    return "a text node must have non-empty text";
                }
                for (JsonNode m : n.path("marks")) {
                    String mark = m.path("type").asText();
                    if (!ADF_MARKS.contains(mark)) {
                        return "unknown mark " + mark;
                    }
                    if (mark.equals("link")) {
                        String href = m.path("attrs").path("href").asText("");
                        if (HttpUrl.parse(href) == null) {
                            return "a link mark needs an absolute http(s) href, got \"" + href + "\"";
                        }
                    }
                }
            } else if (ADF_BLOCKS.contains(type) || ADF_INLINES.contains(type)) {
                if (n.has("content")) {
                    String inner = adfNodes(n.path("content"));
                    if (inner != null) {
                        return inner;
                    }
                }
            } else {
                return "unknown node type \"" + type + "\"";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // Search and read

    /** The fields an answer includes: null means all navigable fields. */
    private static Set<String> requestedFields(JsonNode fields, boolean cloudSearchDefault) {
        if (fields == null || fields.isMissingNode() || fields.isNull() || (fields.isArray() && fields.isEmpty())) {
            return cloudSearchDefault ? Set.of("id") : null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode f : fields.isArray() ? fields : F.arrayNode().add(fields)) {
            for (String part : f.asText().split(",")) {
                String p = part.strip();
                if (p.equals("*all") || p.equals("*navigable")) {
                    return null;
                }
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private Answer cloudSearch(Call call) {
        JsonNode body = call.body();
        String jql = body.path("jql").asText("");
        FakeJql.Query query;
        try {
            query = FakeJql.parse(jql);
        } catch (FakeJql.JqlError e) {
            return Answer.errors(400, e.getMessage());
        }
        if (query.where() == null) {
            return Answer.errors(
                    400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
        }
        Answer keyProblem = validateKeys(query, true, null);
        if (keyProblem != null) {
            return keyProblem;
        }
        JsonNode reconcile = body.path("reconcileIssues");
        if (reconcile.size() > 50) {
            return Answer.errors(400, "The reconcileIssues parameter accepts up to 50 issue ids.");
        }
        Set<Long> reconciled = new LinkedHashSet<>();
        reconcile.forEach(id -> reconciled.add(id.asLong()));
        Map<Long, FakeIssue> visible = new java.util.TreeMap<>(j.index);
        for (Long id : reconciled) {
            FakeIssue live = j.issues.get(id);
            if (live == null) {
                visible.remove(id);
            } else {
                visible.put(id, live);
            }
        }
        List<FakeIssue> matches;
        try {
            matches = matching(query, visible.values());
        } catch (FakeJql.JqlError e) {
            return Answer.errors(400, e.getMessage());
        }
        Set<String> fields = requestedFields(body.path("fields"), true);
        boolean onlyIds = fields != null && fields.stream().allMatch(f -> f.equals("id") || f.equals("key"));
        int max = body.path("maxResults").asInt(50);
        int pageSize = Math.max(1, Math.min(max, onlyIds ? 5000 : j.searchPageLimit));
        int offset = 0;
        if (body.hasNonNull("nextPageToken")) {
            offset = decodeToken(body.path("nextPageToken").asText(), jql);
            if (offset < 0) {
                return Answer.errors(400, "The provided next page token is invalid or expired.");
            }
        }
        List<FakeIssue> page = matches.stream().skip(offset).limit(pageSize).toList();
        boolean last = offset + page.size() >= matches.size();
        ObjectNode out = F.objectNode();
        ArrayNode issues = out.putArray("issues");
        page.forEach(i -> issues.add(
                onlyIds && !Objects.requireNonNull(fields).contains("key")
                        ? F.objectNode().put("id", Long.toString(i.id))
                        : issue(i, fields, call.version())));
        if (!last) {
            out.put("nextPageToken", encodeToken(offset + page.size(), jql));
        }
        out.put("isLast", last);
        return Answer.json(200, out);
    }

    private Answer dcSearch(Call call) {
        JsonNode body = call.body();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!DC_SEARCH_KEYS.contains(e.getKey())) {
                j.violation("POST /rest/api/2/search with unknown property \"" + e.getKey() + "\"");
                return Answer.errors(400, "Unrecognized field \"" + e.getKey() + "\"");
            }
        }
        String jql = body.path("jql").asText("");
        FakeJql.Query query;
        try {
            query = FakeJql.parse(jql);
        } catch (FakeJql.JqlError e) {
            return Answer.errors(400, e.getMessage());
        }
        boolean validate = body.path("validateQuery").asBoolean(true);
        List<String> warnings = new ArrayList<>();
        Answer keyProblem = validateKeys(query, validate, warnings);
        if (keyProblem != null) {
            return keyProblem;
        }
        List<FakeIssue> matches;
        try {
            matches = matching(query, j.issues.values());
        } catch (FakeJql.JqlError e) {
            return Answer.errors(400, e.getMessage());
        }
        int startAt = body.path("startAt").asInt(0);
        int max = Math.max(0, Math.min(body.path("maxResults").asInt(50), j.searchPageLimit));
        Set<String> fields = requestedFields(body.path("fields"), false);
        ObjectNode out = F.objectNode()
                .put("expand", "schema,names")
                .put("startAt", startAt)
                .put("maxResults", max)
                .put("total", matches.size());
        ArrayNode issues = out.putArray("issues");
        matches.stream().skip(startAt).limit(max).forEach(i -> issues.add(issue(i, fields, call.version())));
        if (!warnings.isEmpty()) {
            ArrayNode w = out.putArray("warningMessages");
            warnings.forEach(w::add);
        }
        return Answer.json(200, out);
    }

    /** Jira refuses a JQL key clause naming a key that does not exist (unless told not to validate). */
    private Answer validateKeys(FakeJql.Query query, boolean validate, List<String> warnings) {
        for (String key : query.keyValues()) {
            String problem = null;
            if (!KEY_FORM.matcher(key).matches()) {
                problem = "The issue key '" + key + "' for field 'key' is invalid.";
            } else if (j.byKey(key) == null) {
                problem = "An issue with key '" + key + "' does not exist for field 'key'.";
            }
            if (problem != null) {
                if (validate) {
                    return Answer.errors(400, problem);
                }
                warnings.add(problem);
            }
        }
        return null;
    }

    private List<FakeIssue> matching(FakeJql.Query query, java.util.Collection<FakeIssue> candidates) {
        ZoneId zone = ZoneId.of(j.me.timeZone());
        return candidates.stream()
                .filter(i -> FakeJql.matches(query.where(), i, zone))
                .sorted(FakeJql.comparator(query.order()))
                .toList();
    }

    private static String encodeToken(int offset, String jql) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((offset + ":" + jql.hashCode()).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeToken(String token, String jql) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            return Integer.parseInt(parts[1]) == jql.hashCode() ? Integer.parseInt(parts[0]) : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private Answer bulkFetch(Call call) {
        JsonNode ids = call.body().path("issueIdsOrKeys");
        if (!ids.isArray() || ids.isEmpty()) {
            return Answer.errors(400, "issueIdsOrKeys must not be empty.");
        }
        if (ids.size() > 100) {
            return Answer.errors(400, "The number of issue ids or keys must be 100 or less.");
        }
        Set<String> fields = requestedFields(call.body().path("fields"), false);
        Map<Long, FakeIssue> found = new java.util.TreeMap<>();
        for (JsonNode id : ids) {
            FakeIssue i = j.byKey(id.asText());
            if (i != null) {
                found.put(i.id, i);
            }
        }
        ObjectNode out = F.objectNode();
        ArrayNode issues = out.putArray("issues");
        found.values().forEach(i -> issues.add(issue(i, fields, call.version())));
        out.putArray("issueErrors");
        return Answer.json(200, out);
    }

    private Answer getIssue(Call call) {
        FakeIssue i = j.byKey(call.rest().get(1));
        if (i == null) {
            return Answer.errors(404, "Issue does not exist or you do not have permission to see it.");
        }
        String f = call.query("fields");
        Set<String> fields = f == null ? null : requestedFields(TextNode.valueOf(f), false);
        return Answer.json(200, issue(i, fields, call.version()));
    }

    // ---------------------------------------------------------------------------------------------
    // Links

    private Answer issueLink(Call call) {
        if (!j.issueLinking) {
            return Answer.errors(404, "Issue linking is disabled.");
        }
        JsonNode body = call.body();
        JsonNode type = body.path("type");
        LinkTypeDef t = j.linkTypes.values().stream()
                .filter(x -> x.id().equals(type.path("id").asText(null))
                        || x.name().equalsIgnoreCase(type.path("name").asText("\u0000")))
                .findFirst()
                .orElse(null);
        if (t == null) {
            return Answer.errors(
                    404, "No issue link type with name '" + type.path("name").asText() + "' found.");
        }
        FakeIssue in = j.byKey(body.path("inwardIssue")
                .path("key")
                .asText(body.path("inwardIssue").path("id").asText(null)));
        FakeIssue out = j.byKey(body.path("outwardIssue")
                .path("key")
                .asText(body.path("outwardIssue").path("id").asText(null)));
        if (in == null || out == null) {
            return Answer.errors(404, "Issue Does Not Exist");
        }
        ProjectDef p = j.projects.get(in.projectKey);
        if (p != null && !p.permissions.contains("LINK_ISSUES")) {
            return j.mode == Mode.CLOUD
                    ? Answer.errors(404, "You do not have the permission to link issues.")
                    : Answer.errors(403, "You do not have the permission to link issues.");
        }
        boolean exists = j.links.stream()
                .anyMatch(l -> l.typeId().equals(t.id()) && l.inwardIssueId() == in.id && l.outwardIssueId() == out.id);
        if (!exists) {
            j.links.add(new LinkDef(j.nextLinkId++, t.id(), in.id, out.id));
            j.changed(in);
            j.changed(out);
        }
        return Answer.empty(201);
    }

    private Answer remoteLink(Call call) {
        FakeIssue issue = j.byKey(call.rest().get(1));
        if (issue == null) {
            return Answer.errors(404, "Issue does not exist or you do not have permission to see it.");
        }
        if (call.method().equals("GET")) {
            ArrayNode out = F.arrayNode();
            issue.remoteLinks.values().forEach(r -> {
                ObjectNode n = out.addObject()
                        .put("id", r.id())
                        .put(
                                "self",
                                base() + "/rest/api/" + call.version() + "/issue/" + issue.key + "/remotelink/"
                                        + r.id());
                if (r.globalId() != null) {
                    n.put("globalId", r.globalId());
                }
                n.putObject("object").put("url", r.url()).put("title", r.title());
            });
            return Answer.json(200, out);
        }
        if (!call.method().equals("POST")) {
            return Answer.errors(405, "Method not allowed");
        }
        JsonNode object = call.body().path("object");
        Map<String, String> errors = new LinkedHashMap<>();
        if (!object.path("url").isTextual() || object.path("url").asText().isBlank()) {
            errors.put("url", "'url' is required.");
        }
        if (!object.path("title").isTextual() || object.path("title").asText().isBlank()) {
            errors.put("title", "'title' is required.");
        }
        if (!errors.isEmpty()) {
            return Answer.fieldErrors(400, errors);
        }
        String globalId = call.body().path("globalId").asText(null);
        FakeIssue.RemoteLink existing = globalId == null ? null : issue.remoteLinks.get(globalId);
        long id = existing == null ? j.nextRemoteLinkId++ : existing.id();
        FakeIssue.RemoteLink link = new FakeIssue.RemoteLink(
                id,
                globalId,
                object.path("url").asText(),
                object.path("title").asText(),
                call.body().path("relationship").asText(null));
        issue.remoteLinks.put(globalId == null ? "id:" + id : globalId, link);
        ObjectNode out = F.objectNode()
                .put("id", id)
                .put("self", base() + "/rest/api/" + call.version() + "/issue/" + issue.key + "/remotelink/" + id);
        return Answer.json(existing == null ? 201 : 200, out);
    }

    // ---------------------------------------------------------------------------------------------
    // Issue JSON

    private ObjectNode issue(FakeIssue i, Set<String> fields, String version) {
        ObjectNode n = F.objectNode()
                .put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations")
                .put("id", Long.toString(i.id))
                .put("self", base() + "/rest/api/" + version + "/issue/" + i.id)
                .put("key", i.key);
        ObjectNode f = n.putObject("fields");
        ZoneId zone = ZoneId.of(j.me.timeZone());
        for (String name : fields == null ? NAVIGABLE : fields) {
            switch (name) {
                case "summary" -> f.put("summary", i.summary);
                case "description" -> f.set("description", i.descriptionJson == null ? F.nullNode() : i.description());
                case "labels" -> {
                    ArrayNode l = f.putArray("labels");
                    i.labels.forEach(l::add);
                }
                case "duedate" -> {
                    if (i.dueDate == null) {
                        f.putNull("duedate");
                    } else {
                        f.put("duedate", i.dueDate.toString());
                    }
                }
                case "updated" -> f.put("updated", JIRA_TIME.format(i.updated.atZone(zone)));
                case "created" -> f.put("created", JIRA_TIME.format(i.created.atZone(zone)));
                case "status" -> f.set("status", status(i, version));
                case "resolution" -> {
                    if (i.resolution == null) {
                        f.putNull("resolution");
                    } else {
                        int rid = Math.max(1, j.resolutions.indexOf(i.resolution) + 10_000);
                        f.putObject("resolution")
                                .put("self", base() + "/rest/api/" + version + "/resolution/" + rid)
                                .put("id", Integer.toString(rid))
                                .put("description", i.resolution)
                                .put("name", i.resolution);
                    }
                }
                case "assignee" -> {
                    FakeUser u = i.assignee == null ? null : j.users.get(i.assignee);
                    if (u == null) {
                        f.putNull("assignee");
                    } else {
                        f.set("assignee", user(u, version));
                    }
                }
                case "priority" -> {
                    if (i.priority == null) {
                        f.putNull("priority");
                    } else {
                        int pid = j.priorities.indexOf(i.priority) + 1;
                        f.putObject("priority")
                                .put("self", base() + "/rest/api/" + version + "/priority/" + pid)
                                .put("id", Integer.toString(pid))
                                .put("name", i.priority);
                    }
                }
                case "issuetype" -> {
                    ProjectDef p = j.projects.get(i.projectKey);
                    IssueTypeDef t = p == null ? null : p.issueTypes.get(i.issueTypeId);
                    f.set(
                            "issuetype",
                            t == null
                                    ? F.objectNode().put("id", i.issueTypeId).put("name", i.issueTypeName)
                                    : issueType(t, version, false));
                }
                case "project" -> {
                    ProjectDef p = j.projects.get(i.projectKey);
                    f.putObject("project")
                            .put(
                                    "self",
                                    base() + "/rest/api/" + version + "/project/" + (p == null ? i.projectKey : p.id))
                            .put("id", p == null ? "" : p.id)
                            .put("key", i.projectKey)
                            .put("name", i.projectName);
                }
                case "issuelinks" -> {
                    ArrayNode links = f.putArray("issuelinks");
                    for (LinkDef l : j.links) {
                        LinkTypeDef t = j.linkTypes.get(l.typeId());
                        if (l.inwardIssueId() == i.id && j.issues.containsKey(l.outwardIssueId())) {
                            ObjectNode link = links.addObject()
                                    .put("id", Long.toString(l.id()))
                                    .put("self", base() + "/rest/api/" + version + "/issueLink/" + l.id());
                            link.set("type", linkType(t, version));
                            link.set("outwardIssue", linkedIssue(j.issues.get(l.outwardIssueId()), version));
                        } else if (l.outwardIssueId() == i.id && j.issues.containsKey(l.inwardIssueId())) {
                            ObjectNode link = links.addObject()
                                    .put("id", Long.toString(l.id()))
                                    .put("self", base() + "/rest/api/" + version + "/issueLink/" + l.id());
                            link.set("type", linkType(t, version));
                            link.set("inwardIssue", linkedIssue(j.issues.get(l.inwardIssueId()), version));
                        }
                    }
                }
                default -> {
                    // id and key are top-level; unknown fields are simply absent, as in Jira.
                }
            }
        }
        return n;
    }

    private ObjectNode linkedIssue(FakeIssue other, String version) {
        ObjectNode n = F.objectNode()
                .put("id", Long.toString(other.id))
                .put("key", other.key)
                .put("self", base() + "/rest/api/" + version + "/issue/" + other.id);
        n.putObject("fields").set("status", status(other, version));
        return n;
    }

    private ObjectNode status(FakeIssue i, String version) {
        StatusDef s = j.statuses.get(i.status.toLowerCase(Locale.ROOT));
        String id = s == null ? "1" : s.id();
        ObjectNode n = F.objectNode()
                .put("self", base() + "/rest/api/" + version + "/status/" + id)
                .put("description", "")
                .put("iconUrl", base() + "/images/icons/statuses/generic.png")
                .put("name", i.status)
                .put("id", id);
        int catId = switch (i.statusCategory) {
            case "new" -> 2;
            case "indeterminate" -> 4;
            case "done" -> 3;
            default -> 1;
        };
        n.putObject("statusCategory")
                .put("self", base() + "/rest/api/" + version + "/statuscategory/" + catId)
                .put("id", catId)
                .put("key", i.statusCategory)
                .put(
                        "colorName",
                        switch (i.statusCategory) {
                            case "new" -> "blue-gray";
                            case "indeterminate" -> "yellow";
                            case "done" -> "green";
                            default -> "medium-gray";
                        })
                .put(
                        "name",
                        switch (i.statusCategory) {
                            case "new" -> "To Do";
                            case "indeterminate" -> "In Progress";
                            case "done" -> "Done";
                            default -> "No Category";
                        });
        return n;
    }

    // ---------------------------------------------------------------------------------------------
    // Plumbing

    private String base() {
        String b = base;
        if (b == null) {
            String u = j.baseUrl().toString();
            base = b = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        }
        return b;
    }

    private static int intParam(Call call, String name, int fallback) {
        try {
            String v = call.query(name);
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockResponse.Builder builder(Answer a) {
        MockResponse.Builder b = new MockResponse.Builder().code(a.status());
        if (a.contentType() != null) {
            b.setHeader("Content-Type", a.contentType());
        }
        a.headers().forEach(b::setHeader);
        b.body(a.body());
        return b;
    }

    private static MockResponse toResponse(Answer a) {
        return builder(a).build();
    }
}
