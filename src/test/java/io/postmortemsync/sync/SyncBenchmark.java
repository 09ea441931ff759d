package io.postmortemsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.config.SyncConfig;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.config.TrackerConfig.TypeRoute;
import io.postmortemsync.config.TrackerConfig.UserRef;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.markdown.ParseOptions;
import io.postmortemsync.source.DirectoryDocumentSource;
import io.postmortemsync.tracker.TrackerRequestObserver;
import io.postmortemsync.tracker.jira.JiraTracker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Benchmark, not a test (issue 4): the whole engine (folder source, Markdown, Jira adapter) against
 * the fake Jira with 20 ms latency per request, on 1,000 generated postmortems holding 5,000 action
 * items; remote links off, no incident tickets, maxConcurrency 4. Prints JSON: requests by
 * operation and wall time for the cold pass, the first pass after it, a steady pass, and a pass
 * after 50 tickets changed status, each with its targets; for the cold pass a timeline (engine
 * calls, requests as the fake saw them) and its CPU by thread; the peak heap. The daemon's clock
 * moves 5 minutes between passes, as {@code run} would. Rounds on other documents warm the JIT up
 * first ({@link #WARM_UP_ROUNDS}).
 *
 * <pre>
 * ./mvnw -B -ntp -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable='${java.home}/bin/java' \
 *     -Dexec.args='-Xmx256m -cp %classpath io.postmortemsync.sync.SyncBenchmark datacenter'
 * </pre>
 *
 * Arguments: {@code datacenter|cloud [warmup=N] [openapi=all|N]}. {@code cloud} needs
 * {@code -Xmx512m}: the OpenAPI validator builds and keeps some 100 MB of schema trees for the
 * operations it checks, next to the fake's 5,000 issues. With {@code -Dpmsync.bench.jfr=FILE} the
 * measured cold pass is recorded with Java Flight Recorder.
 */
public final class SyncBenchmark {

    static final int DOCUMENTS = 1_000;
    static final int ITEMS_PER_DOCUMENT = 5;
    static final Duration LATENCY = Duration.ofMillis(20);
    static final int CONCURRENCY = 4;
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final int STATUS_CHANGES = 50;
    /**
     * Rounds on other documents before the measured one, so that the measured passes run the code a
     * long-running daemon runs: compiled. With one round the JIT compilers still used 0.7 s of CPU
     * during the measured cold pass ({@code cpuMsByThread}: "C2 CompilerThread"), a third of the
     * pass's CPU on this 2-core machine: methods called once per ticket (5,000 times a round) reach
     * C2 only after several rounds. After ten they are mostly quiet (about 0.1 s).
     */
    static final int WARM_UP_ROUNDS = 10;

    /**
     * In Cloud mode, how many requests and answers of each operation the fake checks against
     * Atlassian's OpenAPI document. Checking every one measures the validator more than the engine
     * (a bulk create of 50 issues costs the validator ~10 ms of CPU and a lot of garbage, on the
     * same two cores); the first few of each operation still prove the engine's requests are
     * well-formed. {@code openapi=all} checks every one, as the tests do.
     */
    static final int OPEN_API_CHECKS = 3;

    /**
     * How a run is set up: {@code MODE [warmup=N] [openapi=all|N]} (a bare number after the mode is
     * the warm-up rounds).
     */
    record Settings(FakeJira.Mode mode, int warmUpRounds, int openApiChecks) {

        static Settings parse(String[] args) {
            FakeJira.Mode mode =
                    args.length > 0 ? FakeJira.Mode.valueOf(args[0].toUpperCase(Locale.ROOT)) : FakeJira.Mode.CLOUD;
            int warmUp = WARM_UP_ROUNDS;
            int checks = OPEN_API_CHECKS;
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("warmup=")) {
                    warmUp = Integer.parseInt(a.substring(7));
                } else if (a.equals("openapi=all")) {
                    checks = Integer.MAX_VALUE;
                } else if (a.startsWith("openapi=")) {
                    checks = Integer.parseInt(a.substring(8));
                } else if (a.matches("\\d+")) {
                    warmUp = Integer.parseInt(a);
                } else {
                    throw new IllegalArgumentException(
                            "unknown argument " + a + "; usage: datacenter|cloud [warmup=N] [openapi=all|N]");
                }
            }
            return new Settings(mode, warmUp, checks);
        }

        String openApiChecksText() {
            if (mode != FakeJira.Mode.CLOUD) {
                return "none (Data Center has no OpenAPI document)";
            }
            return openApiChecks == Integer.MAX_VALUE
                    ? "every request and answer"
                    : "the first " + openApiChecks + " requests and answers of each operation";
        }
    }

    private SyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        for (int round = 0; round < settings.warmUpRounds(); round++) {
            run(settings, false); // warm-up rounds: JIT, class loading, the fake's OpenAPI document
        }
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        ObjectNode result;
        long peak;
        try (HeapPeak heapPeak = new HeapPeak()) {
            result = run(settings, true);
            peak = heapPeak.peakBytes();
        }

        // The fake Jira, its request log and (Cloud) the OpenAPI validator share this heap with the engine.
        result.put("peakHeapMiB", Math.round(peak / (1024.0 * 1024.0)));
        result.put("peakHeapTargetMet", peak < 256L * 1024 * 1024);
        result.put(
                "poolPeaksAddedUpMiB",
                Math.round(
                        heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0)));
        result.put("maxHeapMiB", Math.round(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0)));
        result.put("peakHeapTargetMiB", 256);
        System.out.println(
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        System.exit(0); // the fake's and OkHttp's threads would keep the JVM alive for a while
    }

    /**
     * With {@code -Dpmsync.bench.jfr=FILE}, the measured cold pass (only it) is recorded with Java
     * Flight Recorder's profiling settings, sampling every 2 ms (and CPU-time samples every 1 ms of
     * CPU where the JDK has them); read it with {@code jfr print} or {@code jfr view hot-methods FILE}.
     */
    private static <T> T profiled(boolean measured, java.util.concurrent.Callable<T> work) throws Exception {
        String file = System.getProperty("pmsync.bench.jfr");
        if (!measured || file == null || file.isBlank()) {
            return work.call();
        }
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
            // CPU-time samples (JDK 25 on Linux): where the CPU goes, also in native code and on busy cores.
            recording.enable("jdk.CPUTimeSample").with("throttle", "1ms");
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO); // what the JIT still compiles
            recording.enable("jdk.Deoptimization");
            recording.start();
            T result = work.call();
            recording.stop();
            recording.dump(Path.of(file));
            return result;
        }
    }

    private static ObjectNode run(Settings settings, boolean measured) throws Exception {
        FakeJira.Mode mode = settings.mode();
        Path folder = Files.createTempDirectory("pmsync-bench");
        TestClock clock = TestClock.at("2025-05-01T09:00:00Z");
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("deployment", mode.name().toLowerCase(Locale.ROOT));
        out.put("documents", DOCUMENTS);
        out.put("items", DOCUMENTS * ITEMS_PER_DOCUMENT);
        out.put("latencyMs", LATENCY.toMillis());
        out.put("maxConcurrency", CONCURRENCY);
        out.put("warmUpRounds", settings.warmUpRounds());
        out.put("fakeOpenApiChecks", settings.openApiChecksText());
        try (FakeJira jira = FakeJira.builder(mode)
                .clock(clock)
                .openApiChecksPerOperation(settings.openApiChecks())
                .start()) {
            boolean cloud = mode == FakeJira.Mode.CLOUD;
            for (String owner : List.of("alice", "bob", "carol")) {
                jira.user(FakeJira.FakeUser.of(cloud ? "acc-" + owner : owner, owner, owner + "@example.com"));
            }
            generate(folder);
            jira.latency(LATENCY);
            Map<String, UserRef> users = new LinkedHashMap<>();
            for (String owner : List.of("alice", "bob", "carol")) {
                users.put("@" + owner, cloud ? new UserRef("acc-" + owner, null) : new UserRef(null, owner));
            }
            TrackerConfig trackerConfig = new TrackerConfig(
                    TrackerConfig.TrackerType.JIRA,
                    jira.url(),
                    TrackerConfig.Deployment.AUTO,
                    jira.auth(),
                    "OPS",
                    List.of("postmortem"),
                    Map.of(
                            ItemType.PREVENT,
                            new TypeRoute("Task", null, List.of("prevent"), "High"),
                            ItemType.DETECT,
                            new TypeRoute("Task", null, List.of("detect"), null),
                            ItemType.RESPOND,
                            new TypeRoute("Task", null, List.of("respond"), null)),
                    "Relates",
                    false,
                    Map.of(),
                    List.of("Won't Do", "Won't Fix", "Duplicate"),
                    users,
                    CONCURRENCY);
            PassTimeline timeline = new PassTimeline();
            try (JiraTracker tracker = JiraTracker.create(trackerConfig, TrackerRequestObserver.NONE, clock)) {
                @SuppressWarnings("UnusedAssignment") // set to null below, to measure what it retains
                SyncEngine engine = new SyncEngine(new SyncEngine.Parts(
                        timeline.source(new DirectoryDocumentSource(folder, List.of(), List.of(), null)),
                        timeline.tracker(tracker),
                        timeline.format(DocumentFormat.markdown(
                                new ParseOptions(ItemType.PREVENT, jira.url().toString()))),
                        trackerConfig,
                        new SyncConfig(INTERVAL, Duration.ofHours(1), ZoneOffset.UTC, true),
                        SyncObserver.NONE,
                        clock));

                Pass coldRun = coldPass(engine, jira, timeline, measured);
                ObjectNode cold = coldRun.json();
                int requests = cold.get("requests").asInt();
                long wallTarget = 2L * requests * LATENCY.toMillis() / CONCURRENCY;
                ObjectNode coldTargets = cold.putObject("targets");
                target(
                        coldTargets,
                        "createRequests",
                        "<= ceil(5000 / 50) = 100",
                        cold.get("createRequests").asInt(),
                        cold.get("createRequests").asInt() <= 100);
                target(
                        coldTargets,
                        "otherRequests",
                        "<= 60",
                        cold.get("otherRequests").asInt(),
                        cold.get("otherRequests").asInt() <= 60);
                target(
                        coldTargets,
                        "wallMs",
                        "<= 2 x (" + requests + " requests x " + LATENCY.toMillis() + " ms / " + CONCURRENCY + ") = "
                                + wallTarget,
                        cold.get("wallMs").asLong(),
                        cold.get("wallMs").asLong() <= wallTarget);
                cold.set("timeline", timeline.summary(jira.requests(), LATENCY));
                out.set("coldPass", cold);

                clock.advance(INTERVAL);
                out.set("firstPassAfterCold", pass(engine, jira).json());

                clock.advance(INTERVAL);
                ObjectNode steady = pass(engine, jira).json();
                ObjectNode steadyTargets = steady.putObject("targets");
                target(
                        steadyTargets,
                        "requests",
                        "<= 2",
                        steady.get("requests").asInt(),
                        steady.get("requests").asInt() <= 2);
                target(
                        steadyTargets,
                        "documentsWritten",
                        "0",
                        steady.get("documentsWritten").asInt(),
                        steady.get("documentsWritten").asInt() == 0);
                target(
                        steadyTargets,
                        "wallMs",
                        "< 300",
                        steady.get("wallMs").asLong(),
                        steady.get("wallMs").asLong() < 300);
                out.set("steadyPass", steady);

                clock.advance(INTERVAL.dividedBy(2));
                List<String> tickets = jira.issueKeysWithLabel("postmortem-sync");
                Set<String> affected = new TreeSet<>();
                for (int n = 0; n < STATUS_CHANGES; n++) {
                    String key = tickets.get(n * tickets.size() / STATUS_CHANGES);
                    jira.transition(key, n % 2 == 0 ? "In Progress" : "Done", n % 2 == 0 ? null : "Done");
                    affected.add(key);
                }
                clock.advance(INTERVAL.dividedBy(2));
                Pass changedRun = pass(engine, jira);
                ObjectNode changed = changedRun.json();
                changed.put("ticketsChanged", affected.size());
                Set<String> affectedDocuments = affected.stream()
                        .map(coldRun.fileByCreatedTicket()::get)
                        .collect(Collectors.toCollection(TreeSet::new));
                ObjectNode changedTargets = changed.putObject("targets");
                target(
                        changedTargets,
                        "requests",
                        "<= 3",
                        changed.get("requests").asInt(),
                        changed.get("requests").asInt() <= 3);
                target(
                        changedTargets,
                        "documentsWritten",
                        "exactly the " + affectedDocuments.size() + " documents of the changed tickets",
                        changedRun.writtenFiles().size(),
                        changedRun.writtenFiles().equals(affectedDocuments));
                out.set("passAfter50StatusChanges", changed);

                // What the daemon keeps between passes (parsed documents, known tickets): the heap the
                // engine holds on to, apart from the fake Jira that shares this JVM.
                long withEngine = usedAfterGc();
                engine = null;
                long withoutEngine = usedAfterGc();
                out.put("engineRetainedMiB", Math.round(Math.max(0, withEngine - withoutEngine) / (1024.0 * 1024.0)));
            }
        } finally {
            deleteTree(folder);
        }
        return out;
    }

    private static void target(ObjectNode targets, String name, String target, long measured, boolean met) {
        targets.putObject(name).put("target", target).put("measured", measured).put("met", met);
    }

    /** A pass's numbers, the documents it wrote and the tickets it created (with their documents). */
    private record Pass(ObjectNode json, Set<String> writtenFiles, Map<String, String> fileByCreatedTicket) {}

    /** The cold pass, with its timeline, its CPU by thread and (when asked for) a flight recording. */
    private static Pass coldPass(SyncEngine engine, FakeJira jira, PassTimeline timeline, boolean measured)
            throws Exception {
        ThreadCpu threadsBefore = ThreadCpu.snapshot();
        Pass cold = profiled(measured, () -> {
            timeline.start();
            return pass(engine, jira);
        });
        cold.json().set("cpuMsByThread", ThreadCpu.snapshot().since(threadsBefore));
        return cold;
    }

    /** One pass: wall time, requests by operation, documents written. */
    private static Pass pass(SyncEngine engine, FakeJira jira) {
        jira.clearLog();
        long cpuStart = processCpuNanos();
        long allocatedStart = allocatedBytes();
        long start = System.nanoTime();
        PassReport report = engine.sync();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        long cpuMs = (processCpuNanos() - cpuStart) / 1_000_000;
        long allocatedMiB = Math.round((allocatedBytes() - allocatedStart) / (1024.0 * 1024.0));
        Map<Operation, Integer> counts = jira.counts();
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("outcome", report.outcome().label());
        n.put("kind", report.kind().id());
        n.put("wallMs", wallMs);
        n.put("processCpuMs", cpuMs); // engine, fake Jira, JIT and GC together, on all cores
        n.put(
                "allocatedMiB",
                allocatedMiB); // by every thread (virtual threads count on their carriers), the fake's included
        n.put("requests", counts.values().stream().mapToInt(Integer::intValue).sum());
        n.put("createRequests", counts.getOrDefault(Operation.CREATE, 0));
        n.put(
                "otherRequests",
                counts.entrySet().stream()
                        .filter(e -> e.getKey() != Operation.CREATE)
                        .mapToInt(Map.Entry::getValue)
                        .sum());
        ObjectNode byOp = n.putObject("requestsByOperation");
        counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> byOp.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        Set<String> written = report.actions().stream()
                .filter(a -> a.op() == PassReport.Op.WRITE_BACK)
                .map(PassReport.Action::file)
                .collect(Collectors.toCollection(TreeSet::new));
        n.put("documentsWritten", written.size());
        n.put("created", report.summary().created());
        n.put("writtenBack", report.summary().writtenBack());
        n.put("failed", report.summary().failed());
        Map<String, String> fileByCreatedTicket = report.actions().stream()
                .filter(a -> a.op() == PassReport.Op.CREATE)
                .collect(Collectors.toMap(PassReport.Action::ticket, PassReport.Action::file));
        return new Pass(n, written, fileByCreatedTicket);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static long allocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                ? threads.getTotalThreadAllocatedBytes()
                : 0;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** 1,000 team-template postmortems with 5 open action items each. */
    private static void generate(Path folder) throws IOException {
        String[] types = {"Prevent", "Detect", "Respond", "Prevent", "Detect"};
        String[] owners = {"@alice", "@bob", "@carol", "@alice", "@bob"};
        for (int d = 0; d < DOCUMENTS; d++) {
            StringBuilder b = new StringBuilder();
            b.append("# Incident Postmortem: Service degradation number ")
                    .append(d)
                    .append("\n\n");
            b.append("## Incident Summary\n");
            b.append("- **Incident ID**: INC-").append(10_000 + d).append('\n');
            b.append("- **Date**: 2025-0")
                    .append(1 + d % 9)
                    .append("-1")
                    .append(d % 10)
                    .append('\n');
            b.append("- **Severity**: P").append(1 + d % 4).append('\n');
            b.append("- **Service(s) Affected**: service-").append(d % 37).append(", gateway\n");
            b.append("- **Customer Impact**: ").append(d % 90).append("% of requests slowed for a while\n\n");
            b.append("## Timeline\n| Time (UTC) | Event |\n|------------|-------|\n");
            b.append("| 14:32 | Alert triggered |\n| 14:36 | Acknowledged |\n| 16:00 | Resolved |\n\n");
            b.append("## Root Cause Analysis\nA configuration change reduced a pool size under peak traffic.\n\n");
            b.append("## Action Items\n");
            b.append("| Action | Type | Owner | Due Date | Status |\n");
            b.append("|--------|------|-------|----------|--------|\n");
            for (int i = 0; i < ITEMS_PER_DOCUMENT; i++) {
                b.append("| Follow-up ")
                        .append(i + 1)
                        .append(" for incident ")
                        .append(d)
                        .append(": review the change process | ")
                        .append(types[i])
                        .append(" | ")
                        .append(owners[i])
                        .append(" | 2025-1")
                        .append(i % 3)
                        .append("-1")
                        .append(i)
                        .append(" | ")
                        .append(i == 4 ? "In Progress" : "Not Started")
                        .append(" |\n");
            }
            b.append("\n## Lessons Learned\nCapacity limits need alerts of their own.\n");
            Files.writeString(folder.resolve(String.format("%04d-incident.md", d)), b.toString());
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Keeps ItemStatus referenced for readers who look for the statuses the generator writes. */
    static final Set<ItemStatus> GENERATED_STATUSES = Set.of(ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS);
}
