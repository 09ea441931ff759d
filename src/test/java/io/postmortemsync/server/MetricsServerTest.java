package io.postmortemsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.metrics.PostmortemMetrics;
import io.postmortemsync.metrics.PrometheusText;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import io.postmortemsync.tracker.TrackerRequestObserver.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP side: endpoints, methods, formats, readiness by the clock, the daemon's vitals. */
class MetricsServerTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final TestClock clock = new TestClock(Instant.parse("2025-05-01T12:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private PostmortemMetrics metrics;
    private MetricsServer server;

    @BeforeEach
    void start() throws IOException {
        metrics = new PostmortemMetrics(clock, ZoneOffset.UTC, INTERVAL);
        server = MetricsServer.start(0, metrics);
    }

    @AfterEach
    void stop() {
        server.stop();
        metrics.close();
        http.close();
    }

    @Test
    void healthzAnswersWhileTheProcessIsAlive() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void readyzIsUnavailableBeforeTheFirstPass() throws Exception {
        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("not ready: no sync pass has succeeded yet\n");
    }

    @Test
    void readyzIsReadyForThreeIntervalsAfterASuccessfulPass() throws Exception {
        metrics.passFinished(PassOutcome.SUCCESS, Duration.ofSeconds(2), clock.instant());
        assertThat(get("/readyz").statusCode()).isEqualTo(200);

        clock.advance(INTERVAL.multipliedBy(3));
        assertThat(get("/readyz").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> stale = get("/readyz");
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(stale.body())
                .startsWith("not ready: the last successful sync pass finished at 2025-05-01T12:00:00Z, 901s ago");
    }

    @Test
    void readyzGoesUnavailableWhenPassesKeepFailingForThreeIntervals() throws Exception {
        metrics.passFinished(PassOutcome.SUCCESS, Duration.ofSeconds(2), clock.instant());
        for (int pass = 1; pass <= 3; pass++) {
            clock.advance(INTERVAL);
            metrics.passFinished(PassOutcome.FAILURE, Duration.ofSeconds(2), clock.instant());
            assertThat(get("/readyz").statusCode())
                    .as("after failed pass %d", pass)
                    .isEqualTo(200);
        }
        clock.advance(INTERVAL);
        metrics.passFinished(PassOutcome.FAILURE, Duration.ofSeconds(2), clock.instant());

        assertThat(get("/readyz").statusCode()).isEqualTo(503);

        metrics.passFinished(PassOutcome.PARTIAL, Duration.ofSeconds(2), clock.instant());
        assertThat(get("/readyz").statusCode())
                .as("a partial pass counts as success")
                .isEqualTo(200);
    }

    @Test
    void metricsSpeaksTextByDefaultAndOpenMetricsWhenAsked() throws Exception {
        metrics.onRequest("create", Outcome.SUCCESS);

        HttpResponse<String> text = get("/metrics");
        HttpResponse<String> openMetrics = send(request("/metrics")
                .header(
                        "Accept",
                        "application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,"
                                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2")
                .build());

        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(PrometheusText.parse(text.body()).type("postmortem_tracker_requests_total"))
                .hasValue("counter");
        assertThat(openMetrics.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        PrometheusText parsed = PrometheusText.parse(openMetrics.body());
        assertThat(parsed.endsWithEof()).isTrue();
        assertThat(parsed.type("postmortem_tracker_requests")).hasValue("counter");
        assertThat(parsed.value("postmortem_tracker_requests_total", "operation", "create", "outcome", "success"))
                .hasValue(1.0);
        assertThat(parsed.unit("postmortem_sync_duration_seconds")).hasValue("seconds");
    }

    @Test
    void theVitalsCountPassesTicketsAndTrackerRequests() throws Exception {
        Instant firstEnd = clock.instant();
        metrics.passFinished(PassOutcome.SUCCESS, Duration.ofMillis(400), firstEnd);
        clock.advance(INTERVAL);
        metrics.passFinished(PassOutcome.PARTIAL, Duration.ofSeconds(3), clock.instant());
        Instant partialEnd = clock.instant();
        clock.advance(INTERVAL);
        metrics.passFinished(PassOutcome.FAILURE, Duration.ofSeconds(40), clock.instant());
        metrics.ticketCreated(ItemType.PREVENT);
        metrics.ticketCreated(ItemType.PREVENT);
        metrics.ticketCreated(ItemType.RESPOND);
        metrics.onRequest("create", Outcome.SUCCESS);
        metrics.onRequest("create", Outcome.RATE_LIMITED);
        metrics.onRequest("search", Outcome.SERVER_ERROR);
        metrics.onRequest("https://jira.example.com/rest/api/3/issue/OPS-1", Outcome.NOT_FOUND);

        PrometheusText scrape = PrometheusText.parse(get("/metrics").body());

        assertThat(scrape.series("postmortem_sync_runs_total"))
                .isEqualTo(Map.of(
                        Map.of("outcome", "success"),
                        1.0,
                        Map.of("outcome", "partial"),
                        1.0,
                        Map.of("outcome", "failure"),
                        1.0));
        assertThat(scrape.value("postmortem_sync_last_success_timestamp_seconds"))
                .hasValue(partialEnd.getEpochSecond() * 1.0);
        assertThat(scrape.type("postmortem_sync_duration_seconds")).hasValue("histogram");
        assertThat(scrape.value("postmortem_sync_duration_seconds_count")).hasValue(3.0);
        assertThat(scrape.value("postmortem_sync_duration_seconds_sum")).hasValue(43.4);
        assertThat(scrape.value("postmortem_sync_duration_seconds_bucket", "le", "0.5"))
                .hasValue(1.0);
        assertThat(scrape.value("postmortem_sync_duration_seconds_bucket", "le", "5.0"))
                .hasValue(2.0);
        assertThat(scrape.value("postmortem_sync_duration_seconds_bucket", "le", "30.0"))
                .hasValue(2.0);
        assertThat(scrape.value("postmortem_sync_duration_seconds_bucket", "le", "+Inf"))
                .hasValue(3.0);
        assertThat(scrape.series("postmortem_tickets_created_total"))
                .isEqualTo(Map.of(Map.of("type", "prevent"), 2.0, Map.of("type", "respond"), 1.0));
        assertThat(scrape.series("postmortem_tracker_requests_total"))
                .isEqualTo(Map.of(
                        Map.of("operation", "create", "outcome", "success"), 1.0,
                        Map.of("operation", "create", "outcome", "rate_limited"), 1.0,
                        Map.of("operation", "search", "outcome", "server_error"), 1.0,
                        // an operation name that is not a short fixed word must not become a label value
                        Map.of("operation", "other", "outcome", "not_found"), 1.0));
    }

    @Test
    void jvmAndProcessMetricsAreExported() throws Exception {
        PrometheusText scrape = PrometheusText.parse(get("/metrics").body());

        assertThat(scrape.sampleNames())
                .contains(
                        "jvm_memory_used_bytes",
                        "jvm_threads_live_threads",
                        "jvm_classes_loaded_classes",
                        "process_start_time_seconds",
                        "process_uptime_seconds",
                        "process_cpu_usage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/metrics/", "/metric", "/health", "/readyz/x", "/favicon.ico"})
    void unknownPathsAre404(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Exception").contains("/metrics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void otherMethodsThanGetAre405WithAllow(String method) throws Exception {
        HttpResponse<String> response = send(request("/metrics")
                .method(method, HttpRequest.BodyPublishers.ofString("x"))
                .build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> metricsHead = send(request("/metrics")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        HttpResponse<String> readyHead = send(request("/readyz")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(metricsHead.statusCode()).isEqualTo(200);
        assertThat(metricsHead.body()).isEmpty();
        assertThat(readyHead.statusCode()).isEqualTo(503);
    }

    @Test
    void aFailureAnswers500WithoutDetails() throws Exception {
        Clock broken = new Clock() {
            @Override
            public Instant instant() {
                throw new IllegalStateException("the clock broke at io.postmortemsync.Secret");
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        try (PostmortemMetrics failing = new PostmortemMetrics(broken, ZoneOffset.UTC, INTERVAL);
                MetricsServer failingServer = MetricsServer.start(0, failing)) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + failingServer.port() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("internal error, see the daemon's log\n");
        }
    }

    @Test
    void aQueryStringDoesNotChangeTheRoute() throws Exception {
        assertThat(get("/healthz?verbose=1").statusCode()).isEqualTo(200);
    }

    @Test
    void stopClosesThePortAndCanBeCalledTwice() throws Exception {
        int port = server.port();
        server.stop();
        server.stop();

        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseIsAnErrorNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> MetricsServer.start(taken.getLocalPort(), metrics))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on port " + taken.getLocalPort());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
