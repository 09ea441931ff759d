package io.postmortemsync.tracker.jira;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.postmortemsync.tracker.TrackerException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * Loads into caches, one load per key at a time: callers that ask for a key while it is being
     * loaded wait for that load instead of sending the same request again (the parallel bulk
     * creates of a cold pass all need the same create screen at once). Nobody holds a lock while
     * Jira answers, so a virtual thread never pins its carrier here.
     */
    static final class Loads {

        private record InFlight(Cache<?, ?> cache, Object key) {}

        private final ConcurrentHashMap<InFlight, CompletableFuture<Object>> loading = new ConcurrentHashMap<>();

        /**
         * The cached value, or loads and caches it. A failed load caches nothing and is rethrown to
         * its caller and to everyone who waited for it; the next call loads again.
         */
        <K, V> V get(Cache<K, V> cache, K key, Loader<K, V> loader) throws TrackerException {
            V value = cache.getIfPresent(key);
            if (value != null) {
                return value;
            }
            InFlight id = new InFlight(cache, key);
            CompletableFuture<Object> mine = new CompletableFuture<>();
            CompletableFuture<Object> running = loading.putIfAbsent(id, mine);
            if (running != null) {
                return awaitOther(running);
            }
            try {
                value = cache.getIfPresent(key); // another load may have finished just before ours began
                if (value == null) {
                    value = loader.load(key);
                    cache.put(key, value);
                }
                mine.complete(value);
                return value;
            } catch (TrackerException | RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                loading.remove(id, mine);
            }
        }

        @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"
        }) // the value the other caller loaded for this key
        private static <V> V awaitOther(CompletableFuture<Object> running) throws TrackerException {
            // Not cancelled when this caller is interrupted: the load is the other caller's.
            return (V) TrackerException.await(running.copy(), "Jira");
        }
    }
}
