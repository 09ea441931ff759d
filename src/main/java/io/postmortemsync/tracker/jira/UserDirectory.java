package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.postmortemsync.config.TrackerConfig.UserRef;
import io.postmortemsync.tracker.Tracker.Deployment;
import io.postmortemsync.tracker.TrackerException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns an owner as written in a document into a Jira user: the configured {@code tracker.users}
 * map first; then on Cloud an exact e-mail match (Cloud has no user names, only account ids), on
 * Data Center the user name ({@code @bob} is user {@code bob}) or an exact e-mail match.
 *
 * <p>Answers are cached, misses too (for a shorter time), so an owner who is not in Jira costs one
 * lookup per expiry rather than one per ticket and pass. Lookups that failed for a passing reason
 * are not cached.
 */
final class UserDirectory {

    record JiraUser(String id, String displayName) {}

    sealed interface Resolution permits Found, Unresolved {}

    record Found(JiraUser user) implements Resolution {}

    /** @param reason why, phrased for a log line and the ticket description */
    record Unresolved(String reason) implements Resolution {}

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern USERNAME = Pattern.compile("^@?[\\p{L}\\p{N}._\\-+]+$");

    private final JiraHttp http;
    private final Deployment deployment;
    private final Map<String, UserRef> configured;
    private final Cache<String, Resolution> cache;
    private final Caches.Loads loads = new Caches.Loads();

    UserDirectory(
            JiraHttp http,
            Deployment deployment,
            Map<String, UserRef> configured,
            Clock clock,
            Duration positiveTtl,
            Duration negativeTtl) {
        this.http = http;
        this.deployment = deployment;
        this.configured = configured;
        this.cache = Caffeine.newBuilder()
                .ticker(Caches.ticker(clock))
                .maximumSize(10_000)
                .expireAfter(new Expiry<String, Resolution>() {
                    @Override
                    public long expireAfterCreate(String key, Resolution value, long currentTime) {
                        return (value instanceof Found ? positiveTtl : negativeTtl).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(
                            String key, Resolution value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Resolution value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** Resolves an owner; throws only for passing failures (the caller leaves the ticket unassigned). */
    Resolution resolve(String owner) throws TrackerException {
        if (owner == null || owner.isBlank()) {
            return new Unresolved("no owner given");
        }
        String written = owner.strip();
        UserRef ref = configuredRef(written);
        if (ref != null) {
            return fromConfig(written, ref);
        }
        return loads.get(cache, written, this::lookUp);
    }

    private UserRef configuredRef(String written) {
        UserRef exact = configured.get(written);
        if (exact != null) {
            return exact;
        }
        return configured.entrySet().stream()
                .filter(e -> e.getKey().strip().equalsIgnoreCase(written))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private Resolution fromConfig(String written, UserRef ref) {
        String id = deployment == Deployment.CLOUD ? ref.accountId() : ref.name();
        if (id == null || id.isBlank()) {
            return new Unresolved("tracker.users entry \"" + written + "\" has no "
                    + (deployment == Deployment.CLOUD
                            ? "accountId, which Jira Cloud needs"
                            : "name, which Jira Data Center needs"));
        }
        return new Found(new JiraUser(id, written));
    }

    private Resolution lookUp(String written) throws TrackerException {
        boolean email = EMAIL.matcher(written).matches();
        if (deployment == Deployment.CLOUD) {
            if (!email) {
                return new Unresolved(
                        "Jira Cloud knows people by account id only: map \"" + written + "\" in tracker.users");
            }
            return byEmail(
                    written,
                    http.api("3", "user", "search")
                            .addQueryParameter("query", written)
                            .build(),
                    "accountId");
        }
        if (email) {
            return byEmail(
                    written,
                    http.api("2", "user", "search")
                            .addQueryParameter("username", written)
                            .build(),
                    "name");
        }
        if (!USERNAME.matcher(written).matches()) {
            return new Unresolved(
                    "\"" + written + "\" is neither a Jira user name nor an e-mail address: map it in tracker.users");
        }
        String name = written.startsWith("@") ? written.substring(1) : written;
        try {
            JsonNode user = http.get(
                    Op.USER,
                    http.api("2", "user").addQueryParameter("username", name).build());
            if (!user.path("active").asBoolean(true)) {
                return new Unresolved("Jira user \"" + name + "\" is deactivated");
            }
            return new Found(new JiraUser(
                    user.path("name").asText(name), user.path("displayName").asText(name)));
        } catch (TrackerException e) {
            if (e.kind() == TrackerException.Kind.NOT_FOUND) {
                return new Unresolved("no Jira user named \"" + name + "\"");
            }
            throw e;
        }
    }

    /**
     * The one active user whose e-mail address is exactly this one. Jira's search matches prefixes
     * of names and addresses, so results are filtered here. Cloud hides addresses by people's
     * privacy settings: when no result shows one and exactly one active person matched the full
     * address, that person is taken.
     */
    private Resolution byEmail(String email, okhttp3.HttpUrl url, String idField) throws TrackerException {
        JsonNode results;
        try {
            results = http.get(Op.USER, url);
        } catch (TrackerException e) {
            if (e.kind() == TrackerException.Kind.PERMISSION) {
                return new Unresolved(
                        "the Jira user may not search users (it needs the 'Browse users and groups' permission) to match "
                                + email);
            }
            throw e;
        }
        List<JsonNode> active = new ArrayList<>();
        for (JsonNode u : results) {
            boolean person = !u.has("accountType")
                    || "atlassian".equals(u.path("accountType").asText());
            if (u.path("active").asBoolean(true) && person) {
                active.add(u);
            }
        }
        List<JsonNode> exact = active.stream()
                .filter(u -> u.path("emailAddress")
                        .asText("")
                        .toLowerCase(Locale.ROOT)
                        .equals(email.toLowerCase(Locale.ROOT)))
                .toList();
        if (exact.size() == 1) {
            return new Found(user(exact.getFirst(), idField));
        }
        if (exact.size() > 1) {
            return new Unresolved("several Jira users have the e-mail address " + email + ": map it in tracker.users");
        }
        boolean addressesHidden = active.stream()
                .noneMatch(u -> u.hasNonNull("emailAddress")
                        && !u.path("emailAddress").asText().isEmpty());
        if (addressesHidden && active.size() == 1) {
            return new Found(user(active.getFirst(), idField));
        }
        return new Unresolved("no active Jira user has the e-mail address " + email);
    }

    private static JiraUser user(JsonNode u, String idField) {
        return new JiraUser(
                u.path(idField).asText(),
                u.path("displayName").asText(u.path(idField).asText()));
    }
}
