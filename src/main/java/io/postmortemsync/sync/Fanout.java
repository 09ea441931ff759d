package io.postmortemsync.sync;

import io.postmortemsync.tracker.TrackerException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Runs independent tracker calls (bulk creates, chunked reads, links) with at most
 * {@code tracker.maxConcurrency} in flight, and stops starting new ones once a call shows the
 * tracker as a whole failing or the daemon is stopping, keeping every result already obtained.
 */
final class Fanout {

    /** What became of one call. */
    sealed interface Outcome<R> {
        record Done<R>(R value) implements Outcome<R> {}

        record Failed<R>(TrackerException error) implements Outcome<R> {}

        /** Not started: an earlier call failed in a way that stops the rest, or the daemon is stopping. */
        record NotRun<R>() implements Outcome<R> {}
    }

    @FunctionalInterface
    interface Call<T, R> {
        R call(T input) throws TrackerException;
    }

    private final int parallelism;

    Fanout(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * @param stopping checked before each call; true leaves the call {@link Outcome.NotRun}
     * @param stopsTheRest a failure for which no further call is started
     * @return one outcome per input, in input order
     */
    <T, R> List<Outcome<R>> run(
            List<T> inputs, Call<T, R> call, BooleanSupplier stopping, Predicate<TrackerException> stopsTheRest) {
        AtomicBoolean halted = new AtomicBoolean();
        List<Outcome<R>> outcomes = new ArrayList<>(inputs.size());
        if (inputs.size() <= 1 || parallelism == 1) {
            for (T input : inputs) {
                outcomes.add(runOne(input, call, stopping, stopsTheRest, halted));
            }
            return outcomes;
        }
        // Virtual threads: the calls block on the network, and a pool per fan-out costs nothing.
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(parallelism, inputs.size()), Thread.ofVirtual().factory());
        try {
            List<Future<Outcome<R>>> futures = new ArrayList<>(inputs.size());
            for (T input : inputs) {
                futures.add(pool.submit(() -> runOne(input, call, stopping, stopsTheRest, halted)));
            }
            for (Future<Outcome<R>> f : futures) {
                outcomes.add(await(f, halted));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> Outcome<R> await(Future<Outcome<R>> future, AtomicBoolean halted) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            // Asked to stop: calls still queued do not start; the caller keeps what finished.
            Thread.currentThread().interrupt();
            halted.set(true);
            future.cancel(false);
            return new Outcome.NotRun<>();
        } catch (ExecutionException e) {
            halted.set(true);
            return new Outcome.Failed<>(unexpected(e.getCause()));
        }
    }

    private static <T, R> Outcome<R> runOne(
            T input,
            Call<T, R> call,
            BooleanSupplier stopping,
            Predicate<TrackerException> stopsTheRest,
            AtomicBoolean halted) {
        if (halted.get() || stopping.getAsBoolean()) {
            return new Outcome.NotRun<>();
        }
        try {
            return new Outcome.Done<>(call.call(input));
        } catch (TrackerException e) {
            if (stopsTheRest.test(e)) {
                halted.set(true);
            }
            return new Outcome.Failed<>(e);
        } catch (RuntimeException e) {
            // A bug in an adapter must not lose the results of the calls that worked.
            halted.set(true);
            return new Outcome.Failed<>(unexpected(e));
        }
    }

    private static TrackerException unexpected(Throwable e) {
        return new TrackerException(
                TrackerException.Kind.TRANSIENT, "unexpected error in the tracker adapter: " + e, e);
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>((items.size() + size - 1) / size);
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
