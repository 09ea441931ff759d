package io.postmortemsync.daemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on virtual time: nothing runs until the test calls {@link #advance}, and then the due
 * tasks run on the test's thread, in time order. Tests of the daemon never sleep.
 *
 * <p>Public for tests that run the whole {@code run} command on it: they {@link #awaitPeriodic
 * await} the daemon's schedule from another thread, then drive the passes with {@link #advance}.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        final long periodMillis; // 0 = once; > 0 = fixed delay
        long dueMillis;
        boolean cancelled;
        boolean done;

        Task(Runnable command, long dueMillis, long periodMillis) {
            this.command = command;
            this.dueMillis = dueMillis;
            this.periodMillis = periodMillis;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueMillis - now, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private boolean shutdown;

    /** Moves virtual time forward, running every task that falls due. */
    public synchronized void advance(Duration by) {
        long until = now + by.toMillis();
        while (true) {
            Task next = tasks.stream()
                    .filter(t -> !t.cancelled && !t.done && t.dueMillis <= until)
                    .min(Comparator.comparingLong(t -> t.dueMillis))
                    .orElse(null);
            if (next == null) {
                break;
            }
            now = Math.max(now, next.dueMillis);
            next.command.run();
            if (next.periodMillis > 0 && !next.cancelled) {
                next.dueMillis = now + next.periodMillis; // fixed delay: counted from the end of the run
            } else {
                next.done = true;
            }
        }
        now = until;
    }

    /** The periodic commands scheduled so far (not cancelled). */
    synchronized List<Runnable> periodicCommands() {
        return tasks.stream()
                .filter(t -> t.periodMillis > 0 && !t.cancelled)
                .map(t -> t.command)
                .toList();
    }

    public synchronized boolean hasPendingPeriodic() {
        return tasks.stream().anyMatch(t -> t.periodMillis > 0 && !t.cancelled);
    }

    /**
     * Waits (without sleeping: until another thread schedules) for a periodic task, such as the
     * daemon's passes, to be scheduled.
     *
     * @return false when none was scheduled within {@code timeout}
     */
    public synchronized boolean awaitPeriodic(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasPendingPeriodic()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task t = new Task(command, now + unit.toMillis(delay), 0);
        tasks.add(t);
        return t;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the daemon");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the daemon counts its interval from the end of a pass");
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleWithFixedDelay(
            Runnable command, long initialDelay, long delay, TimeUnit unit) {
        Task t = new Task(command, now + unit.toMillis(initialDelay), unit.toMillis(delay));
        tasks.add(t);
        notifyAll();
        return t;
    }

    @Override
    public void execute(Runnable command) {
        var unused = schedule(command, 0, TimeUnit.MILLISECONDS); // failures show on the task, as in an executor
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    @Override
    public <T> List<java.util.concurrent.Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        throw new UnsupportedOperationException();
    }
}
