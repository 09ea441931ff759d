package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ParsedDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark, not a test: generates 1,000 team-template postmortems of about 5 KB and times
 * parsing all of them, then writing one status back into each, on one thread. Several rounds
 * run first to warm up the JIT. Run it with {@code ./mvnw -q -Pbench test-compile exec:java}.
 */
public final class DocumentBenchmark {

    private static final int DOCUMENTS = 1_000;
    private static final int WARM_UP_ROUNDS = 15;
    private static final int MEASURED_ROUNDS = 10;

    private DocumentBenchmark() {}

    public static void main(String[] args) {
        List<byte[]> documents = generate(new Random(42));
        double averageSize =
                documents.stream().mapToInt(d -> d.length).average().orElse(0);
        PostmortemParser parser = new PostmortemParser(ParseOptions.defaults());
        DocumentRewriter rewriter = new DocumentRewriter(ParseOptions.defaults());
        List<List<ItemChange>> changes = new ArrayList<>();
        int items = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            ParsedDocument parsed = parser.parse("pm/" + i + ".md", documents.get(i));
            items += parsed.postmortem().items().size();
            ActionItem first = parsed.postmortem().items().getFirst();
            ItemStatus next = first.status() == ItemStatus.COMPLETED ? ItemStatus.IN_PROGRESS : ItemStatus.COMPLETED;
            changes.add(List.of(ItemChange.status(first.syncKey(), next)));
        }
        System.out.printf(
                "documents: %d, average size %.0f bytes, %d action items; %d warm-up rounds, then %d measured rounds%n",
                DOCUMENTS, averageSize, items, WARM_UP_ROUNDS, MEASURED_ROUNDS);

        long sink = 0;
        double[] parse = new double[MEASURED_ROUNDS];
        double[] rewrite = new double[MEASURED_ROUNDS];
        for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < DOCUMENTS; i++) {
                sink += parser.parse("pm/" + i + ".md", documents.get(i))
                        .postmortem()
                        .items()
                        .size();
            }
            long parsed = System.nanoTime();
            for (int i = 0; i < DOCUMENTS; i++) {
                RewriteResult result = rewriter.rewrite("pm/" + i + ".md", documents.get(i), changes.get(i));
                if (result.applied().size() != 1) {
                    throw new IllegalStateException("document " + i + " was not rewritten: " + result);
                }
                sink += result.content().length;
            }
            long rewritten = System.nanoTime();
            if (round >= WARM_UP_ROUNDS) {
                parse[round - WARM_UP_ROUNDS] = (parsed - start) / 1e6;
                rewrite[round - WARM_UP_ROUNDS] = (rewritten - parsed) / 1e6;
            }
        }
        System.out.printf(
                "parse   %d documents: median %.0f ms, best %.0f ms (%.3f ms per document)%n",
                DOCUMENTS, median(parse), min(parse), median(parse) / DOCUMENTS);
        System.out.printf(
                "rewrite %d documents, one status each: median %.0f ms, best %.0f ms (%.3f ms per document)%n",
                DOCUMENTS, median(rewrite), min(rewrite), median(rewrite) / DOCUMENTS);
        System.out.println("(checksum " + sink + ")");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    static List<byte[]> generate(Random random) {
        String[] services = {
            "payment-service", "checkout", "search", "auth", "ledger", "notifications", "cdn-edge", "billing"
        };
        String[] types = {"Prevent", "Detect", "Respond"};
        String[] statuses = {"Not Started", "In Progress", "Completed", "Deferred"};
        String[] verbs = {
            "Increase", "Add monitoring for", "Document", "Alert on", "Load-test", "Automate", "Review", "Cap"
        };
        String[] things = {
            "connection pool size",
            "queue depth",
            "retry budget",
            "certificate expiry",
            "disk usage",
            "failover runbook",
            "rate limits",
            "cache hit ratio",
            "deploy rollback",
            "DNS TTLs"
        };
        List<byte[]> documents = new ArrayList<>(DOCUMENTS);
        for (int d = 0; d < DOCUMENTS; d++) {
            StringBuilder sb = new StringBuilder(6000);
            String service = services[random.nextInt(services.length)];
            sb.append("# Incident Postmortem: ")
                    .append(service)
                    .append(" errors on day ")
                    .append(d)
                    .append("\n\n");
            sb.append("## Incident Summary\n");
            sb.append("- **Date**: 2025-")
                    .append(String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)))
                    .append('\n');
            sb.append("- **Duration**: 14:32 to 16:00 (1 hour 28 minutes)\n");
            sb.append("- **Severity**: P").append(1 + random.nextInt(3)).append('\n');
            sb.append("- **Service(s) Affected**: ").append(service).append(", checkout\n");
            sb.append("- **Customer Impact**: ")
                    .append(random.nextInt(40))
                    .append("% of requests failed for 88 minutes\n\n");
            sb.append("## Timeline\n| Time (UTC) | Event |\n|------------|-------|\n");
            for (int t = 0; t < 27; t++) {
                sb.append("| 14:")
                        .append(String.format("%02d", 10 + t))
                        .append(" | ")
                        .append("Engineer checked the *")
                        .append(things[random.nextInt(things.length)])
                        .append("* dashboard and posted in `#incident` |\n");
            }
            sb.append("\n## Root Cause Analysis\n");
            for (int p = 0; p < 7; p++) {
                sb.append("The ")
                        .append(service)
                        .append(" exhausted its ")
                        .append(things[random.nextInt(things.length)])
                        .append(
                                " after a deploy changed the defaults; the [runbook](https://wiki.example.com/runbooks/")
                        .append(service)
                        .append(") did not cover this case, so responders **restarted** pods first.\n\n");
            }
            sb.append("## Lessons Learned\n");
            for (int l = 0; l < 5; l++) {
                sb.append("- We learned that ")
                        .append(things[random.nextInt(things.length)])
                        .append(" matters more than we thought\n");
            }
            sb.append(
                    "\n## Action Items\n| Action | Type | Owner | Due Date | Status |\n|--------|------|-------|----------|--------|\n");
            for (int a = 0; a < 7; a++) {
                sb.append("| ")
                        .append(verbs[(a + d) % verbs.length])
                        .append(' ')
                        .append(things[(a * 3 + d) % things.length])
                        .append(" (")
                        .append(a)
                        .append(") | ")
                        .append(types[random.nextInt(3)])
                        .append(" | @owner")
                        .append(random.nextInt(20))
                        .append(" | 2025-")
                        .append(String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)))
                        .append(" | ")
                        .append(statuses[random.nextInt(4)])
                        .append(" |\n");
            }
            documents.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return documents;
    }
}
