package io.postmortemsync.tracker.jira;

import io.postmortemsync.tracker.TrackerException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent Jira calls side by side (one virtual thread each), results in input order. The
 * HTTP layer's bound ({@code tracker.maxConcurrency}) decides how many are really in flight; the
 * first failure in input order is rethrown once all have finished, so none is left running.
 */
final class Parallel {

    @FunctionalInterface
    interface Work<T, R> {
        R apply(T input) throws TrackerException;
    }

    private final int maxConcurrency;

    Parallel(int maxConcurrency) {
        this.maxConcurrency = Math.max(1, maxConcurrency);
    }

    <T, R> List<R> map(List<T> inputs, Work<T, R> work) throws TrackerException {
        if (inputs.size() <= 1 || maxConcurrency == 1) {
            List<R> out = new ArrayList<>();
            for (T input : inputs) {
                out.add(work.apply(input));
            }
            return out;
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures =
                    inputs.stream().map(i -> pool.submit(() -> work.apply(i))).toList();
            List<R> out = new ArrayList<>();
            TrackerException first = null;
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    TrackerException failure = TrackerException.rethrown(e);
                    first = first == null ? failure : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TrackerException(
                            TrackerException.Kind.TRANSIENT, "interrupted while waiting for Jira", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return out;
        }
    }

    /** Consecutive slices of at most {@code size} items. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return out;
    }
}
