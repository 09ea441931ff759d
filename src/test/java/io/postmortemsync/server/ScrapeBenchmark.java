package io.postmortemsync.server;

import io.postmortemsync.metrics.PostmortemMetrics;
import io.postmortemsync.metrics.TestDocuments;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Severity;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measures {@code GET /metrics} with many action items loaded: a scrape should cost
 * O(series), not O(items). Not a test; run it with (see docs/benchmarks.md):
 *
 * <pre>
 * ./mvnw -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.postmortemsync.server.ScrapeBenchmark [-Dexec.args="ITEMS SERVICES"]
 * </pre>
 *
 * Defaults: 50,000 items in 5,000 postmortems over 100 services, every type, severity and
 * status, due dates from a year ago to a year ahead.
 */
@SuppressWarnings("EnumOrdinal") // picks enum values at random or in turn, by index
public final class ScrapeBenchmark {

    private static final int WARMUP_SCRAPES = 2_000;
    private static final int MEASURED_SCRAPES = 1_000;

    private ScrapeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int services = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<ParsedDocument> documents = documents(items, services);

        try (PostmortemMetrics metrics =
                        new PostmortemMetrics(Clock.systemUTC(), ZoneOffset.UTC, Duration.ofMinutes(5));
                MetricsServer server = MetricsServer.start(0, metrics);
                HttpClient http = HttpClient.newHttpClient()) {
            // A pass publishes a new state; the first scrape after it renders the action-item
            // families (uncached), the following ones reuse them until the next pass or midnight.
            long[] publish = new long[20];
            long[] firstScrape = new long[publish.length];
            for (int i = 0; i < publish.length; i++) {
                long start = System.nanoTime();
                metrics.documentsRead(documents);
                publish[i] = System.nanoTime() - start;
                start = System.nanoTime();
                metrics.scrape(null);
                firstScrape[i] = System.nanoTime() - start;
            }
            metrics.passFinished(
                    PassOutcome.SUCCESS,
                    Duration.ofSeconds(1),
                    Clock.systemUTC().instant());

            String body = http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            long overdueSeries = body.lines()
                    .filter(line -> line.startsWith("postmortem_action_items_overdue{"))
                    .count();
            long allSeries = body.lines()
                    .filter(line -> !line.startsWith("#") && !line.isEmpty())
                    .count();

            URL url =
                    URI.create("http://localhost:" + server.port() + "/metrics").toURL();
            for (int i = 0; i < WARMUP_SCRAPES; i++) {
                get(url);
            }
            long[] nanos = new long[MEASURED_SCRAPES];
            for (int i = 0; i < MEASURED_SCRAPES; i++) {
                long start = System.nanoTime();
                get(url);
                nanos[i] = System.nanoTime() - start;
            }
            long[] inProcess = new long[MEASURED_SCRAPES];
            for (int i = 0; i < MEASURED_SCRAPES; i++) {
                long start = System.nanoTime();
                metrics.scrape(null);
                inProcess[i] = System.nanoTime() - start;
            }

            System.out.printf(
                    "items=%,d documents=%,d services=%d overdue_series=%,d samples=%,d body=%,d bytes%n",
                    items, documents.size(), services, overdueSeries, allSeries, body.length());
            System.out.println(
                    "publish a pass (documentsRead), " + publish.length + " passes:            " + summary(publish));
            System.out.println(
                    "first render after a pass (no HTTP), " + publish.length + " passes:      " + summary(firstScrape));
            System.out.println("GET /metrics over HTTP, " + MEASURED_SCRAPES + " scrapes after " + WARMUP_SCRAPES
                    + " warm-up: " + summary(nanos));
            System.out.println("render only (no HTTP),  " + MEASURED_SCRAPES + " scrapes:                     "
                    + summary(inProcess));
        }
    }

    /** One blocking GET on a kept-alive connection, the way a scraper does it; the body is read in full. */
    private static void get(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        if (connection.getResponseCode() != 200) {
            throw new IllegalStateException("scrape answered " + connection.getResponseCode());
        }
        try (InputStream body = connection.getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static List<ParsedDocument> documents(int items, int services) {
        Random random = new Random(7);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int perDocument = 10;
        List<ParsedDocument> documents = new ArrayList<>();
        for (int d = 0; d * perDocument < items; d++) {
            List<TestDocuments.Item> docItems = new ArrayList<>();
            for (int i = 0; i < perDocument && d * perDocument + i < items; i++) {
                docItems.add(TestDocuments.item(
                        "action " + d + "." + i,
                        ItemType.values()[random.nextInt(3)],
                        ItemStatus.values()[random.nextInt(4)],
                        random.nextInt(20) == 0 ? null : today.plusDays(random.nextInt(730) - 365)));
            }
            Severity severity = random.nextInt(10) == 0 ? null : Severity.values()[random.nextInt(4)];
            documents.add(TestDocuments.document(
                    "pm-" + d + ".md", severity, List.of("service-" + random.nextInt(services)), docItems));
        }
        return documents;
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                "p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms mean=%.2f ms",
                millis(sorted[sorted.length / 2]),
                millis(sorted[sorted.length * 9 / 10]),
                millis(sorted[sorted.length * 99 / 100]),
                millis(sorted[sorted.length - 1]),
                Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
