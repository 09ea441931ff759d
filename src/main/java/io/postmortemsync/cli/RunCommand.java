package io.postmortemsync.cli;

import io.postmortemsync.config.Config;
import io.postmortemsync.daemon.Application;
import io.postmortemsync.daemon.Daemon;
import io.postmortemsync.daemon.Lifecycle;
import io.postmortemsync.daemon.PassLog;
import io.postmortemsync.daemon.ProductionConnectors;
import io.postmortemsync.metrics.PostmortemMetrics;
import io.postmortemsync.server.MetricsServer;
import io.postmortemsync.sync.SyncObserver;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code run}: the daemon, until SIGTERM. */
@Command(
        name = "run",
        description = {
            "Runs the daemon: a sync pass at start and then every sync.interval, with /metrics, /healthz and /readyz",
            "on server.port. Stops cleanly on SIGTERM (exit 0). Exit 2 on a bad configuration."
        })
final class RunCommand implements Callable<Integer> {

    /**
     * How long a stop waits for the pass in progress. Kubernetes allows 30 s between SIGTERM and
     * SIGKILL by default; this leaves time to stop the HTTP server and exit.
     */
    static final Duration GRACE = Duration.ofSeconds(25);

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    /** Where the request to stop comes from: SIGTERM in production, the test in tests. */
    interface StopSignal {
        /**
         * Arranges for {@code stop} to run when the daemon must stop. {@code stop} returns once the
         * daemon has stopped and the command has cleaned up: true when it stopped a running
         * daemon, false when the command had already ended on its own.
         */
        void onStop(BooleanSupplier stop);
    }

    @ParentCommand
    PostmortemSyncCommand root;

    @Spec
    CommandSpec spec;

    private final Application.Connectors connectors;
    private final Clock clock;
    private final StopSignal stopSignal;
    private final Supplier<ScheduledExecutorService> passScheduler;
    private final CompletableFuture<Integer> listening = new CompletableFuture<>();

    RunCommand() {
        this(ProductionConnectors.INSTANCE, Clock.systemUTC(), RunCommand::onSigterm, RunCommand::passScheduler);
    }

    /**
     * @param passScheduler makes the scheduler the passes run on (one thread in production; tests
     *     pass one on virtual time). It is shut down when the command ends.
     */
    RunCommand(
            Application.Connectors connectors,
            Clock clock,
            StopSignal stopSignal,
            Supplier<ScheduledExecutorService> passScheduler) {
        this.connectors = connectors;
        this.clock = clock;
        this.stopSignal = stopSignal;
        this.passScheduler = passScheduler;
    }

    /** The production scheduler: one platform thread named {@code sync-pass}. */
    static ScheduledExecutorService passScheduler() {
        return Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("sync-pass").unstarted(r));
    }

    /**
     * Completes with the port of {@code /metrics}, {@code /healthz} and {@code /readyz} as soon as
     * the HTTP server listens (the chosen one when {@code server.port} is 0), which is before the
     * first pass starts; completes exceptionally when the command ends without it ever listening.
     */
    CompletableFuture<Integer> listening() {
        return listening;
    }

    @Override
    public Integer call() throws Exception {
        try {
            return runDaemon();
        } finally {
            listening.completeExceptionally(new IllegalStateException("run ended before its HTTP server listened"));
        }
    }

    private int runDaemon() throws Exception {
        Config config = root.loadConfig(); // exits 2 on a bad configuration, before anything starts
        Components components = Components.forConfig(config, clock, listening);
        Application app = Application.open(config, connectors, components.observer(), components.requests(), clock);
        ScheduledExecutorService scheduler = passScheduler.get();
        Daemon daemon = new Daemon(
                Daemon.Passes.of(app.engine()),
                scheduler,
                config.sync().interval(),
                components.lifecycles(),
                PassLog::log);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        stopSignal.onStop(() -> {
            if (cleanedUp.getCount() == 0) {
                return false; // the command already ended (e.g. the start failed): its exit code stands
            }
            log.info("asked to stop (SIGTERM)");
            daemon.stop(GRACE);
            awaitQuietly(cleanedUp);
            return true;
        });
        try {
            daemon.start();
        } catch (Exception e) {
            spec.commandLine().getErr().println("error: the daemon could not start: " + e.getMessage());
            spec.commandLine().getErr().flush();
            shutDown(scheduler, app);
            cleanedUp.countDown();
            return PostmortemSyncCommand.EXIT_FAILED;
        }
        daemon.awaitStopped();
        shutDown(scheduler, app);
        cleanedUp.countDown();
        return PostmortemSyncCommand.EXIT_OK;
    }

    private static void shutDown(ScheduledExecutorService scheduler, Application app) {
        scheduler.shutdownNow();
        app.close();
    }

    /**
     * SIGTERM starts the JVM's shutdown; this hook stops the daemon gracefully. The JVM would then
     * exit with 143 (killed by SIGTERM), but a clean stop is exit 0 (DESIGN.md §4), which only a halt
     * from the hook can give; every other part has been stopped by then.
     */
    private static void onSigterm(BooleanSupplier stop) {
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
                    if (stop.getAsBoolean()) {
                        Runtime.getRuntime().halt(PostmortemSyncCommand.EXIT_OK);
                    }
                }));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What runs beside the passes and watches them: the metrics, and the HTTP server that serves them. */
    record Components(SyncObserver observer, TrackerRequestObserver requests, List<Lifecycle> lifecycles) {
        static Components forConfig(Config config, Clock clock, CompletableFuture<Integer> listening) {
            PostmortemMetrics metrics = PostmortemMetrics.forConfig(clock, config.sync());
            return new Components(
                    metrics,
                    metrics,
                    List.of(new HttpServerLifecycle(config.server().port(), metrics, listening)));
        }
    }

    /** The {@code /metrics}, {@code /healthz} and {@code /readyz} server as a part of the daemon. */
    static final class HttpServerLifecycle implements Lifecycle {
        private final int port;
        private final PostmortemMetrics metrics;
        private final CompletableFuture<Integer> listening;
        private volatile MetricsServer server;

        HttpServerLifecycle(int port, PostmortemMetrics metrics, CompletableFuture<Integer> listening) {
            this.port = port;
            this.metrics = metrics;
            this.listening = listening;
        }

        @Override
        public String name() {
            MetricsServer s = server;
            return "the HTTP server on port " + (s != null ? s.port() : port);
        }

        @Override
        public void start() throws java.io.IOException {
            try {
                server = MetricsServer.start(port, metrics);
            } catch (java.io.IOException | RuntimeException e) {
                listening.completeExceptionally(e);
                throw e;
            }
            listening.complete(server.port());
        }

        @Override
        public void stop() {
            MetricsServer s = server;
            if (s != null) {
                s.stop();
            }
            metrics.close();
        }
    }
}
