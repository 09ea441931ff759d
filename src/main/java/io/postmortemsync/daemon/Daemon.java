package io.postmortemsync.daemon;

import io.postmortemsync.sync.PassReport;
import io.postmortemsync.sync.SyncEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code run} command's loop: starts the lifecycle components (the HTTP server), runs a sync
 * pass at once and then {@code sync.interval} after each pass ends, never two at once, and stops
 * gracefully: no pass starts after {@link #stop}, the pass in progress finishes its current call
 * and document write (documents are replaced atomically, never half-written), then the components
 * stop in reverse order.
 *
 * <p>A pass that fails (tracker unreachable, a bug) is logged and the daemon keeps going: the next
 * interval tries again.
 */
public final class Daemon {

    /** What the daemon runs: one pass, and a way to cut a pass in progress short. */
    public interface Passes {
        PassReport run();

        void requestStop();

        static Passes of(SyncEngine engine) {
            return new Passes() {
                @Override
                public PassReport run() {
                    return engine.sync();
                }

                @Override
                public void requestStop() {
                    engine.requestStop();
                }
            };
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final Passes passes;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final List<Lifecycle> components;
    private final Consumer<PassReport> reportSink;
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Lifecycle> running = new ArrayList<>();
    private volatile ScheduledFuture<?> schedule;

    /**
     * @param scheduler runs the passes; the daemon never runs two at once, whatever its threads
     * @param reportSink receives each pass's report (the log, in production)
     */
    public Daemon(
            Passes passes,
            ScheduledExecutorService scheduler,
            Duration interval,
            List<Lifecycle> components,
            Consumer<PassReport> reportSink) {
        this.passes = Objects.requireNonNull(passes, "passes");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.components = List.copyOf(components);
        this.reportSink = Objects.requireNonNull(reportSink, "reportSink");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
    }

    /**
     * Starts the components in order, then schedules the passes (the first one at once).
     *
     * @throws Exception from a component that failed to start; those already started are stopped
     */
    public void start() throws Exception {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the daemon was started already");
        }
        for (Lifecycle component : components) {
            try {
                component.start();
                running.add(component);
                log.info("started {}", component.name());
            } catch (Exception e) {
                log.error("could not start {}: {}", component.name(), e.getMessage());
                stopComponents();
                stopped.countDown();
                throw e;
            }
        }
        schedule = scheduler.scheduleWithFixedDelay(this::runPass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.atInfo()
                .addKeyValue("intervalSeconds", interval.toSeconds())
                .log("daemon started: a sync pass every {}", human(interval));
    }

    private void runPass() {
        if (stopping.get()) {
            return;
        }
        if (!passLock.tryLock()) {
            log.warn("a sync pass is still running; this one is skipped");
            return;
        }
        try {
            if (stopping.get()) {
                return;
            }
            reportSink.accept(passes.run());
        } catch (OutOfMemoryError e) {
            throw e; // the JVM is not to be trusted any more: -XX:+ExitOnOutOfMemoryError lets Kubernetes restart it
        } catch (RuntimeException | Error e) {
            // Anything escaping here would silently cancel every later pass.
            log.error("the sync pass failed unexpectedly; the next one runs in {}", human(interval), e);
        } finally {
            passLock.unlock();
        }
    }

    /**
     * Stops the daemon: no new pass, the one in progress cut short at its next safe point and
     * awaited for at most {@code grace}, then the components stopped. Idempotent.
     *
     * @return true when no pass was left running
     */
    public boolean stop(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return !passLock.isLocked();
        }
        log.info("stopping: the pass in progress finishes its current step");
        passes.requestStop();
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
        boolean passEnded = true;
        try {
            if (passLock.tryLock(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                passLock.unlock();
            } else {
                passEnded = false;
                log.warn(
                        "the sync pass did not finish within {}; stopping anyway (documents are only ever replaced whole)",
                        human(grace));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            passEnded = false;
        }
        stopComponents();
        log.info("daemon stopped");
        stopped.countDown();
        return passEnded;
    }

    /** Blocks until {@link #stop} has finished (or the start failed). */
    public void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code 5m}, {@code 1h30m}, {@code 25s}: as the configuration writes durations. */
    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private void stopComponents() {
        for (int i = running.size() - 1; i >= 0; i--) {
            Lifecycle component = running.get(i);
            try {
                component.stop();
                log.info("stopped {}", component.name());
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", component.name(), e.getMessage());
            }
        }
        running.clear();
    }
}
