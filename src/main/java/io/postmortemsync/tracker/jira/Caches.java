package io.postmortemsync.tracker.jira;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.postmortemsync.tracker.TrackerException;
import java.time.Clock;
import java.time.Instant;

/** Small helpers for Caffeine caches whose loaders talk to Jira and may fail. */
final class Caches {

    private Caches() {}

    /** Caffeine time from the injected clock, so expiry follows the same time as everything else. */
    static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    @FunctionalInterface
    interface Loader<K, V> {
        V load(K key) throws TrackerException;
    }

    /** The cached value, or loads and caches it; a failed load caches nothing and is rethrown. */
    static <K, V> V get(Cache<K, V> cache, K key, Loader<K, V> loader) throws TrackerException {
        V value = cache.getIfPresent(key);
        if (value != null) {
            return value;
        }
        value = loader.load(key);
        cache.put(key, value);
        return value;
    }
}
