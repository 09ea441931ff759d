package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postmortemsync.metrics.Promtool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a real process: offline on a folder, with JSON logs, then SIGTERM. Shows the
 * daemon start, serve its endpoints after the first pass (a scrape that {@code promtool check
 * metrics} accepts), and stop cleanly with exit code 0. Exact counts need a fixed "today" and
 * are checked in-process: {@link RunServesMetricsOfflineTest}.
 */
class RunCommandProcessTest {

    @TempDir
    Path dir;

    private Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void theDaemonSyncsServesItsEndpointsAndStopsCleanlyOnSigterm() throws Exception {
        Files.createDirectories(dir.resolve("postmortems"));
        Files.copy(
                Path.of("examples/postmortems/2025-04-10-payment-service-errors.md"),
                dir.resolve("postmortems/payments.md"));
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                source: {path: postmortems}
                sync: {interval: 1h}
                server: {port: 0}
                logging: {format: json}
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.postmortemsync.Main",
                        "--config",
                        config.toString(),
                        "run")
                .start();
        Thread.ofVirtual().start(() -> pump(process));

        JsonNode serving = awaitLog(l -> l.path("message").asText().startsWith("Serving /metrics"));
        int port = Integer.parseInt(serving.path("message").asText().replaceAll(".* on port (\\d+).*", "$1"));
        JsonNode summary = awaitLog(l -> l.has("outcome"));
        assertThat(summary.path("outcome").asText()).isEqualTo("success");
        assertThat(summary.path("kind").asText()).isEqualTo("offline");
        assertThat(summary.path("items").asText()).isEqualTo("4");

        HttpResponse<String> ready = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        // What Prometheus scrapes from the real process passes Prometheus's own linter.
        assertThat(Promtool.checkMetricsAt(URI.create("http://localhost:" + port + "/metrics")))
                .satisfies(Promtool.Result::assertOk);

        process.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its stderr)
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        awaitLog(l -> l.path("message").asText().equals("daemon stopped"));
        assertThat(seen)
                .allSatisfy(line ->
                        assertThat(new ObjectMapper().readTree(line).isObject()).isTrue());
    }

    private void pump(Process p) {
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("{\"message\":\"stderr closed: " + e.getMessage() + "\"}");
        }
    }

    /** Waits for a log line (a JSON object) that matches; fails after a minute. */
    private JsonNode awaitLog(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.add(line);
            JsonNode json = new ObjectMapper().readTree(line);
            if (wanted.test(json)) {
                return json;
            }
        }
        throw new AssertionError("no such log line; the daemon said:\n" + String.join("\n", seen));
    }
}
