package io.postmortemsync.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's own {@code promtool} from tests: {@code check metrics} on an exposition,
 * {@code check rules} and {@code test rules} on rule files. A missing promtool fails the test
 * with how to install it; it never skips.
 *
 * <p>For an end-to-end check of a running daemon: {@code assertThat(Promtool.checkMetricsAt(uri)).
 * satisfies(Promtool.Result::assertOk)} — one call scrapes {@code uri} and lints the answer.
 */
public final class Promtool {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static final String INSTALL_HINT = "promtool was not found on PATH. The alert-rule and metrics tests need it: "
            + "install the Debian/Ubuntu package with `sudo apt-get install prometheus` (.ci/run does this when promtool is missing), "
            + "or put the promtool binary from https://prometheus.io/download/ on PATH.";

    private Promtool() {}

    /** What promtool said. */
    public record Result(List<String> command, int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Fails with promtool's own words unless it exited 0. */
        public Result assertOk() {
            if (!ok()) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    /** {@code promtool check metrics} on a text-format (0.0.4) exposition. */
    public static Result checkMetrics(String exposition) {
        return run(exposition, "check", "metrics");
    }

    /** Scrapes {@code metricsUrl} (asking for the text format) and runs {@code promtool check metrics} on the answer. */
    public static Result checkMetricsAt(URI metricsUrl) {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(metricsUrl)
                            .header("Accept", "text/plain")
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(
                        "GET " + metricsUrl + " answered " + response.statusCode() + ": " + response.body());
            }
            return checkMetrics(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("could not scrape " + metricsUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scraping " + metricsUrl, e);
        }
    }

    /** {@code promtool check rules FILE...} */
    public static Result checkRules(Path... ruleFiles) {
        return run(null, args("check", "rules", ruleFiles));
    }

    /** {@code promtool test rules FILE...}; each test file names its rule files relative to its own folder. */
    public static Result testRules(Path... testFiles) {
        return run(null, args("test", "rules", testFiles));
    }

    private static String[] args(String verb, String noun, Path... files) {
        List<String> args = new ArrayList<>(List.of(verb, noun));
        for (Path file : files) {
            args.add(file.toAbsolutePath().toString());
        }
        return args.toArray(String[]::new);
    }

    /** The promtool executable on PATH; fails the test with the install hint when there is none. */
    public static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(INSTALL_HINT);
    }

    private static Result run(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT);
            }
            return new Result(List.copyOf(command), process.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
