package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.config.TrackerConfig.TypeRoute;
import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.postmortem.Severity;
import io.postmortemsync.postmortem.Whitespace;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@code fields} of one new issue as DESIGN.md §6 says, checked against the create
 * screen first: a field the screen lacks is left out (and its value stays in the description)
 * rather than failing the ticket, except labels, without which the daemon could never find its
 * ticket again.
 */
final class TicketPreparer {

    private static final Logger log = LoggerFactory.getLogger(TicketPreparer.class);

    static final int SUMMARY_MAX = 255;
    static final String DEFAULT_ISSUE_TYPE = "Task";
    /** Fields the daemon fills; any other required field without a default blocks creation. */
    static final Set<String> FILLED = Set.of(
            "project", "issuetype", "summary", "description", "labels", "duedate", "priority", "assignee", "reporter");

    sealed interface Prepared permits Ready, Rejected {
        NewTicket request();
    }

    /** A ticket ready to send; {@code warnings} says what it will lack that the item asked for. */
    record Ready(NewTicket request, ObjectNode fields, List<String> warnings) implements Prepared {}

    record Rejected(NewTicket request, Kind kind, String message) implements Prepared {}

    private final TrackerConfig config;
    private final Dialect dialect;
    private final JiraMetadata metadata;
    private final UserDirectory users;
    private final Set<String> warnedOmissions = ConcurrentHashMap.newKeySet();

    TicketPreparer(TrackerConfig config, Dialect dialect, JiraMetadata metadata, UserDirectory users) {
        this.config = config;
        this.dialect = dialect;
        this.metadata = metadata;
        this.users = users;
    }

    /**
     * @throws TrackerException only when Jira as a whole is failing (credentials, unreachable,
     *     rate limit); a problem with this one ticket is a {@link Rejected}
     */
    Prepared prepare(NewTicket request) throws TrackerException {
        ActionItem item = request.item();
        String typeKey = "tracker.types." + item.type().id();
        TypeRoute route = config.route(item.type());
        String project = route.projectOr(config.project());
        if (project == null || project.isBlank()) {
            return reject(
                    request,
                    Kind.CLIENT_ERROR,
                    "no project for " + item.type().id() + " items: set tracker.project or " + typeKey + ".project");
        }
        String summary = summary(item.action());
        if (summary.isEmpty()) {
            return reject(request, Kind.CLIENT_ERROR, "the action is empty, and Jira needs a summary");
        }
        Set<String> labels = new LinkedHashSet<>();
        labels.add(Tracker.OWN_LABEL);
        labels.addAll(config.labels());
        labels.addAll(route.labels());
        labels.add(item.syncKey().label());
        for (String label : labels) {
            if (label.isBlank() || label.chars().anyMatch(Character::isWhitespace) || label.length() > 255) {
                return reject(
                        request,
                        Kind.CLIENT_ERROR,
                        "label \"" + label
                                + "\" is not a valid Jira label (no spaces, at most 255 characters): fix tracker.labels or "
                                + typeKey + ".labels");
            }
        }

        String issueTypeName = route.issueType() == null ? DEFAULT_ISSUE_TYPE : route.issueType();
        JiraMetadata.Screen screen;
        try {
            Optional<JiraMetadata.IssueTypeMeta> type = metadata.issueType(project, issueTypeName);
            if (type.isEmpty()) {
                List<String> names = metadata.issueTypes(project).stream()
                        .map(JiraMetadata.IssueTypeMeta::name)
                        .toList();
                if (names.isEmpty()) {
                    // Jira lists only the issue types the user may create: none means no Create Issues permission.
                    return reject(
                            request,
                            Kind.PERMISSION,
                            "the configured Jira user cannot create issues in project " + project
                                    + " (Jira offers it no issue type): grant it Create Issues there");
                }
                return reject(
                        request,
                        Kind.CLIENT_ERROR,
                        "issue type \"" + issueTypeName + "\" does not exist in project " + project + " (available: "
                                + String.join(", ", names) + "): fix " + typeKey + ".issueType");
            }
            screen = metadata.screen(project, type.get());
        } catch (TrackerException e) {
            if (e instanceof CredentialsRejectedException || e.isRetryable()) {
                throw e;
            }
            return reject(
                    request, e.kind(), "cannot read the create screen of project " + project + ": " + e.getMessage());
        }
        String where = project + "/" + screen.issueType().name();

        List<String> missingRequired = screen.fields().values().stream()
                .filter(f -> f.required() && !f.hasDefault() && !FILLED.contains(f.id()))
                .map(f -> f.name() + " (" + f.id() + ")")
                .toList();
        if (!missingRequired.isEmpty()) {
            return reject(
                    request,
                    Kind.CLIENT_ERROR,
                    "the create screen of " + where + " requires fields postmortem-sync does not fill: "
                            + String.join(", ", missingRequired) + "; make them optional or give them a default value");
        }
        if (!screen.has("labels")) {
            return reject(
                    request,
                    Kind.CLIENT_ERROR,
                    "the create screen of " + where + " has no Labels field, and postmortem-sync finds "
                            + "its tickets by label: add Labels to that screen");
        }

        ObjectNode fields = JiraHttp.JSON.createObjectNode();
        fields.putObject("project").put("key", project);
        fields.putObject("issuetype").put("id", screen.issueType().id());
        fields.put("summary", summary);
        ArrayNode labelArray = fields.putArray("labels");
        labels.forEach(labelArray::add);

        String dueNote = null;
        if (item.dueDate() != null) {
            if (screen.has("duedate")) {
                fields.put("duedate", item.dueDate().toString());
            } else {
                dueNote = "not set on the ticket: the create screen has no Due date field";
                warnOmitted(where, "duedate", "Due date");
            }
        }
        if (route.priority() != null && !route.priority().isBlank()) {
            if (screen.has("priority")) {
                List<String> allowed = screen.fields().get("priority").allowed();
                Optional<String> match = allowed.stream()
                        .filter(p -> p.equalsIgnoreCase(route.priority().strip()))
                        .findFirst();
                if (!allowed.isEmpty() && match.isEmpty()) {
                    return reject(
                            request,
                            Kind.CLIENT_ERROR,
                            "priority \"" + route.priority() + "\" is not allowed in " + where + " (allowed: "
                                    + String.join(", ", allowed) + "): fix " + typeKey + ".priority");
                }
                fields.putObject("priority")
                        .put("name", match.orElse(route.priority().strip()));
            } else {
                warnOmitted(where, "priority", "Priority");
            }
        }

        String ownerNote = null;
        List<String> warnings = new ArrayList<>();
        if (item.owner() != null && !item.owner().isBlank()) {
            UserDirectory.Resolution who = resolve(item.owner());
            switch (who) {
                case UserDirectory.Found found -> {
                    if (screen.has("assignee")) {
                        fields.set("assignee", dialect.userRef(found.user().id()));
                    } else {
                        ownerNote = "not assigned: the create screen has no Assignee field";
                        warnOmitted(where, "assignee", "Assignee");
                    }
                }
                case UserDirectory.Unresolved unresolved -> {
                    ownerNote = "not assigned: " + unresolved.reason();
                    warnings.add("owner \"" + item.owner() + "\" does not match a Jira user (" + unresolved.reason()
                            + "); the ticket is unassigned and names the owner in its description");
                    log.warn(
                            "{}:{}: owner \"{}\" does not match a Jira user ({}); the ticket stays unassigned and names the owner in its description",
                            request.postmortem().file(),
                            item.line(),
                            item.owner(),
                            unresolved.reason());
                }
            }
        }
        fields.set("description", dialect.description(description(request, ownerNote, dueNote)));
        return new Ready(request, fields, warnings);
    }

    private UserDirectory.Resolution resolve(String owner) throws TrackerException {
        try {
            return users.resolve(owner);
        } catch (TrackerException e) {
            if (e instanceof CredentialsRejectedException) {
                throw e;
            }
            // A lookup that failed for a passing reason leaves this ticket unassigned rather than
            // holding the whole create back; nothing is cached, so the next owner lookup retries.
            return new UserDirectory.Unresolved("the Jira user lookup failed (" + e.getMessage() + ")");
        }
    }

    private void warnOmitted(String where, String fieldId, String fieldName) {
        if (warnedOmissions.add(where + "/" + fieldId)) {
            log.warn(
                    "the create screen of {} has no {} field: tickets there are created without it (its value stays in the description); "
                            + "add the field to the screen to have it set",
                    where,
                    fieldName);
        }
    }

    /**
     * The action on one line, at most 255 characters (Jira's limit, counted in UTF-16 units, which
     * is how Jira counts); a cut summary ends with an ellipsis and never splits a surrogate pair.
     */
    static String summary(String action) {
        String oneLine = Whitespace.collapse(action);
        if (oneLine.length() <= SUMMARY_MAX) {
            return oneLine;
        }
        int end = SUMMARY_MAX - 1;
        if (Character.isHighSurrogate(oneLine.charAt(end - 1))) {
            end--;
        }
        return oneLine.substring(0, end).stripTrailing() + "…";
    }

    static Description description(NewTicket request, String ownerNote, String dueNote) {
        Postmortem pm = request.postmortem();
        ActionItem item = request.item();
        Description.Builder d = Description.builder();
        d.paragraph(new Description.Text(item.action(), false));
        d.bullet("Type", text(capitalize(item.type().id())));
        if (item.owner() != null && !item.owner().isBlank()) {
            d.bullet("Owner", text(item.owner() + (ownerNote == null ? "" : " (" + ownerNote + ")")));
        }
        if (item.dueDate() != null) {
            d.bullet("Due date", text(item.dueDate() + (dueNote == null ? "" : " (" + dueNote + ")")));
        }
        d.bullet("Incident", text(pm.incidentId() + (pm.title() == null ? "" : " – " + pm.title())));
        if (pm.severity() != null) {
            d.bullet("Severity", text(Severity.metricLabel(pm.severity())));
        }
        if (!pm.services().isEmpty()) {
            d.bullet("Services", text(String.join(", ", pm.services())));
        }
        if (pm.incidentTicket() != null) {
            d.bullet("Incident ticket", text(pm.incidentTicket()));
        }
        String url = request.documentUrl();
        boolean web = url != null && HttpUrl.parse(url) != null;
        d.bullet("Postmortem", web ? new Description.Link(pm.file(), url) : text(pm.file()));
        d.paragraph(new Description.Text(
                "Created by postmortem-sync from " + pm.file() + ", line " + item.line()
                        + ". Work this ticket as usual: its status is mirrored back into the postmortem.",
                false));
        return d.build();
    }

    private static Description.Text text(String s) {
        return new Description.Text(s, false);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static Rejected reject(NewTicket request, Kind kind, String message) {
        return new Rejected(request, kind, message);
    }
}
