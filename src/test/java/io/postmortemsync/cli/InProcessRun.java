package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.daemon.Application;
import io.postmortemsync.metrics.PrometheusText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * {@code postmortem-sync --config FILE run} in this JVM, through the same picocli command line
 * and {@link RunCommand#call()} as the jar, with the clock, the pass scheduler and the tracker's
 * back-off chosen by the test. Stopping it is what SIGTERM does in production: the same stop
 * callback the shutdown hook calls.
 *
 * <p>Why in-process rather than the jar: {@code mvn verify} runs the tests before it packages the
 * jar, and only in-process can a test fix "today" and drive the passes on virtual time, which is
 * what makes exact overdue counts and the three-interval readiness rule testable without sleeping.
 * {@link RunCommandProcessTest} covers the real process and SIGTERM.
 */
final class InProcessRun implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final CompletableFuture<Integer> exit;
    private final CompletableFuture<BooleanSupplier> stop;
    private final StringWriter err;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private InProcessRun(
            CompletableFuture<Integer> exit, CompletableFuture<BooleanSupplier> stop, StringWriter err, int port) {
        this.exit = exit;
        this.stop = stop;
        this.err = err;
        this.port = port;
    }

    /**
     * Starts {@code run} on another thread and returns once its HTTP server listens (before the
     * first pass has run, whatever the scheduler).
     */
    static InProcessRun start(
            Path config, Application.Connectors connectors, Clock clock, Supplier<ScheduledExecutorService> scheduler)
            throws Exception {
        CompletableFuture<BooleanSupplier> stop = new CompletableFuture<>();
        RunCommand run = new RunCommand(connectors, clock, stop::complete, scheduler);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == RunCommand.class
                        ? cls.cast(run)
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Logging is left as the tests configured it: a configuration's logging section would
        // otherwise reconfigure logback for the whole test JVM.
        CommandLine cli = PostmortemSyncCommand.commandLine(
                new PostmortemSyncCommand(Map.of(), logging -> {}),
                factory,
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform()
                .name("run-command")
                .daemon()
                .start(() -> exit.complete(cli.execute("--config", config.toString(), "run")));
        int port;
        try {
            port = run.listening().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(
                    "run did not start its HTTP server (exit " + exit.getNow(null) + "): " + err, e.getCause());
        }
        return new InProcessRun(exit, stop, err, port);
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /metrics} in the text format, parsed strictly. */
    PrometheusText scrape() {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    /** What SIGTERM does: stops the daemon and waits for the command to end; returns its exit code. */
    int stop() throws InterruptedException, ExecutionException, TimeoutException {
        BooleanSupplier signal = stop.getNow(null);
        if (signal != null) {
            boolean unused = signal.getAsBoolean(); // true when this call asked it to stop
        }
        return exit.get(RunCommand.GRACE.toSeconds() + 5, TimeUnit.SECONDS);
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            if (!exit.isDone()) {
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.close();
        }
    }
}
