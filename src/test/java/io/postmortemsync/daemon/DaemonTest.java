package io.postmortemsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postmortemsync.sync.PassReport;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DaemonTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<PassReport> reports = new ArrayList<>();

    private static PassReport report(PassOutcome outcome) {
        return new PassReport(
                PassReport.Mode.SYNC,
                PassReport.Kind.OFFLINE,
                outcome,
                Instant.EPOCH,
                Duration.ZERO,
                0,
                0,
                List.of(),
                new PassReport.Summary(0, 0, 0, 0, 0, 0),
                List.of());
    }

    /** Passes that record themselves; the first {@code failures} throw. */
    private final class CountingPasses implements Daemon.Passes {
        final AtomicInteger runs = new AtomicInteger();
        int failures;

        @Override
        public PassReport run() {
            int n = runs.incrementAndGet();
            events.add("pass " + n);
            if (n <= failures) {
                throw new IllegalStateException("bug in pass " + n);
            }
            return report(PassOutcome.SUCCESS);
        }

        @Override
        public void requestStop() {
            events.add("stop requested");
        }
    }

    private Lifecycle component(String name) {
        return new Lifecycle() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                events.add("start " + name);
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void aPassRunsAtStartThenAnIntervalAfterEachPass() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        CountingPasses passes = new CountingPasses();
        Daemon daemon = new Daemon(passes, scheduler, INTERVAL, List.of(), reports::add);

        daemon.start();
        scheduler.advance(Duration.ZERO);
        assertThat(passes.runs).hasValue(1);

        scheduler.advance(INTERVAL.minusSeconds(1));
        assertThat(passes.runs).hasValue(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(passes.runs).hasValue(2);
        scheduler.advance(INTERVAL.multipliedBy(3));
        assertThat(passes.runs).hasValue(5);
        assertThat(reports).hasSize(5);
    }

    @Test
    void aPassThatThrowsIsLoggedAndTheNextIntervalRunsAgain() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        CountingPasses passes = new CountingPasses();
        passes.failures = 2;
        Daemon daemon = new Daemon(passes, scheduler, INTERVAL, List.of(), reports::add);

        daemon.start();
        scheduler.advance(INTERVAL.multipliedBy(2));

        assertThat(passes.runs).hasValue(3);
        assertThat(reports).hasSize(1);
        assertThat(scheduler.hasPendingPeriodic()).isTrue();
    }

    @Test
    void componentsStartBeforeTheFirstPassAndStopAfterTheLastInReverseOrder() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        Daemon daemon = new Daemon(
                new CountingPasses(),
                scheduler,
                INTERVAL,
                List.of(component("server"), component("metrics")),
                reports::add);

        daemon.start();
        scheduler.advance(Duration.ZERO);
        assertThat(daemon.stop(Duration.ofSeconds(5))).isTrue();
        scheduler.advance(INTERVAL.multipliedBy(3));

        assertThat(events)
                .containsExactly(
                        "start server", "start metrics", "pass 1", "stop requested", "stop metrics", "stop server");
        assertThat(daemon.isStopped()).isTrue();
        assertThat(scheduler.hasPendingPeriodic()).isFalse();
    }

    @Test
    void aComponentThatCannotStartStopsTheOnesStartedAndNoPassRuns() {
        ManualScheduler scheduler = new ManualScheduler();
        Lifecycle broken = new Lifecycle() {
            @Override
            public String name() {
                return "http server :9464";
            }

            @Override
            public void start() throws Exception {
                throw new java.net.BindException("Address already in use");
            }

            @Override
            public void stop() {
                events.add("stop broken");
            }
        };
        Daemon daemon = new Daemon(
                new CountingPasses(), scheduler, INTERVAL, List.of(component("first"), broken), reports::add);

        assertThatThrownBy(daemon::start).isInstanceOf(java.net.BindException.class);
        scheduler.advance(INTERVAL);

        assertThat(events).containsExactly("start first", "stop first");
        assertThat(daemon.isStopped()).isTrue();
    }

    @Test
    void stopLetsThePassInProgressFinishBeforeTheComponentsStop() throws Exception {
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Daemon.Passes blocking = new Daemon.Passes() {
            @Override
            public PassReport run() {
                events.add("pass started");
                inPass.countDown();
                await(release);
                events.add("pass finished its write");
                return report(PassOutcome.SUCCESS);
            }

            @Override
            public void requestStop() {
                events.add("stop requested");
                release.countDown(); // the engine cuts the pass short at its next safe point
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Daemon daemon = new Daemon(blocking, scheduler, INTERVAL, List.of(component("server")), reports::add);
            daemon.start();
            assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() -> daemon.stop(Duration.ofSeconds(30)));

            assertThat(stop.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(events)
                    .containsExactly(
                            "start server", "pass started", "stop requested", "pass finished its write", "stop server");
            assertThat(reports).hasSize(1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void neverTwoPassesAtOnceEvenIfTheSchedulerFiresTwice() throws Exception {
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        Daemon.Passes slow = new Daemon.Passes() {
            @Override
            public PassReport run() {
                entered.incrementAndGet();
                inPass.countDown();
                await(release);
                return report(PassOutcome.SUCCESS);
            }

            @Override
            public void requestStop() {}
        };
        ManualScheduler scheduler = new ManualScheduler();
        Daemon daemon = new Daemon(slow, scheduler, INTERVAL, List.of(), reports::add);
        daemon.start();
        Runnable tick = scheduler.periodicCommands().getFirst();

        Thread first = Thread.ofPlatform().start(tick);
        assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();
        tick.run(); // fires again while the first pass runs: skipped, returns at once
        release.countDown();
        first.join(10_000);

        assertThat(entered).hasValue(1);
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() ->
                        new Daemon(new CountingPasses(), new ManualScheduler(), Duration.ZERO, List.of(), r -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
