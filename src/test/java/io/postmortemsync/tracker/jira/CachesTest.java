package io.postmortemsync.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.postmortemsync.tracker.TrackerException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Concurrent callers of one key share one load: one request to Jira, not one per caller. */
class CachesTest {

    private final Cache<String, String> cache =
            Caffeine.newBuilder().maximumSize(10).build();
    private final Caches.Loads loads = new Caches.Loads();
    private final AtomicInteger loadsRun = new AtomicInteger();

    @Test
    void aCallerThatAsksWhileTheKeyIsLoadingWaitsForThatLoad() throws Exception {
        CountDownLatch jiraAnswers = new CountDownLatch(1);
        CountDownLatch loading = new CountDownLatch(1);
        Caches.Loader<String, String> slow = key -> {
            loadsRun.incrementAndGet();
            loading.countDown();
            await(jiraAnswers);
            return "screen of " + key;
        };
        CompletableFuture<String> first = inThread(() -> loads.get(cache, "OPS/Task", slow));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicReference<Thread> secondThread = new AtomicReference<>();
        CompletableFuture<String> second = inThread(() -> {
            secondThread.set(Thread.currentThread());
            return loads.get(cache, "OPS/Task", slow);
        });
        // The second caller parks on the first load (or, had it started its own, would run the loader).
        assertThat(eventually(
                        () -> (secondThread.get() != null && secondThread.get().getState() == Thread.State.WAITING)
                                || loadsRun.get() > 1))
                .isTrue();
        jiraAnswers.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("screen of OPS/Task");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("screen of OPS/Task");
        assertThat(loadsRun).hasValue(1);
        assertThat(loads.get(cache, "OPS/Task", slow)).as("cached now").isEqualTo("screen of OPS/Task");
        assertThat(loadsRun).hasValue(1);
    }

    @Test
    void aFailedLoadReachesEveryoneWhoWaitedAndIsNotCached() throws Exception {
        CountDownLatch jiraAnswers = new CountDownLatch(1);
        CountDownLatch loading = new CountDownLatch(1);
        TrackerException down = new TrackerException(TrackerException.Kind.TRANSIENT, "Jira answered HTTP 503");
        Caches.Loader<String, String> failing = key -> {
            loadsRun.incrementAndGet();
            loading.countDown();
            await(jiraAnswers);
            throw down;
        };
        CompletableFuture<String> first = inThread(() -> loads.get(cache, "OPS", failing));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> secondThread = new AtomicReference<>();
        CompletableFuture<String> second = inThread(() -> {
            secondThread.set(Thread.currentThread());
            return loads.get(cache, "OPS", failing);
        });
        assertThat(eventually(
                        () -> (secondThread.get() != null && secondThread.get().getState() == Thread.State.WAITING)
                                || loadsRun.get() > 1))
                .isTrue();
        jiraAnswers.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCause(down);
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCause(down);
        assertThat(loadsRun).hasValue(1);
        assertThat(cache.getIfPresent("OPS")).isNull();
        assertThat(loads.get(cache, "OPS", key -> "loaded again")).isEqualTo("loaded again");
    }

    @FunctionalInterface
    private interface Call {
        String run() throws TrackerException;
    }

    /** A platform thread, so its state shows whether it is parked. */
    private static CompletableFuture<String> inThread(Call call) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(call.run());
            } catch (TrackerException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the load finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Spins (no sleeping) until the condition holds or ten seconds pass. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
