package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.Tracker.TicketLookup;
import io.postmortemsync.tracker.TrackerException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Reads tickets by key, surviving keys that were deleted or moved since a document named them:
 * one request per {@link Dialect#keysPerRequest()} keys, then one GET per key that did not come
 * back under its own name (Jira follows a move there, or answers 404). Both outcomes are
 * remembered for a while, so the next full resync costs no extra requests.
 */
final class KeyReader {

    private static final Pattern ISSUE_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*-[1-9][0-9]*$");

    private final JiraHttp http;
    private final Dialect dialect;
    private final Parallel parallel;
    private final Cache<String, String> movedKeys;
    private final Cache<String, Boolean> missingKeys;

    KeyReader(JiraHttp http, Dialect dialect, Parallel parallel, Clock clock, Duration movedTtl, Duration missingTtl) {
        this.http = http;
        this.dialect = dialect;
        this.parallel = parallel;
        this.movedKeys = Caffeine.newBuilder()
                .ticker(Caches.ticker(clock))
                .expireAfterWrite(movedTtl)
                .maximumSize(10_000)
                .build();
        this.missingKeys = Caffeine.newBuilder()
                .ticker(Caches.ticker(clock))
                .expireAfterWrite(missingTtl)
                .maximumSize(10_000)
                .build();
    }

    TicketLookup read(Collection<String> keys) throws TrackerException {
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
        Map<String, Ticket> byKey = new HashMap<>();
        for (List<Ticket> batch : parallel.map(
                Parallel.chunks(wanted, dialect.keysPerRequest()), chunk -> parse(dialect.fetchByKeys(chunk)))) {
            batch.forEach(t -> byKey.put(norm(t.key()), t));
        }
        List<String> unmatched = new ArrayList<>();
        askFor.forEach((asked, current) -> {
            Ticket t = byKey.get(current);
            if (t != null) {
                found.put(asked, t);
            } else {
                unmatched.add(asked);
            }
        });
        List<Optional<Ticket>> resolved = parallel.map(unmatched, asked -> Optional.ofNullable(getIssue(asked)));
        for (int i = 0; i < unmatched.size(); i++) {
            String asked = unmatched.get(i);
            Optional<Ticket> t = resolved.get(i);
            if (t.isEmpty()) {
                missing.add(asked);
                missingKeys.put(norm(asked), Boolean.TRUE);
            } else {
                found.put(asked, t.get());
                if (!norm(t.get().key()).equals(norm(asked))) {
                    movedKeys.put(norm(asked), norm(t.get().key()));
                }
            }
        }
        return new TicketLookup(found, missing);
    }

    /** One issue by key, following a move; null when it does not exist (or is not visible). */
    private Ticket getIssue(String key) throws TrackerException {
        HttpUrl url = http.api(dialect.apiVersion(), "issue", key)
                .addQueryParameter("fields", String.join(",", IssueParser.FIELDS))
                .build();
        try {
            return IssueParser.parse(http.get(Op.READ, url), dialect.userField());
        } catch (TrackerException e) {
            if (e.kind() == TrackerException.Kind.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private List<Ticket> parse(List<JsonNode> issues) {
        return issues.stream()
                .map(i -> IssueParser.parse(i, dialect.userField()))
                .toList();
    }

    private static String norm(String key) {
        return key.toUpperCase(Locale.ROOT);
    }
}
