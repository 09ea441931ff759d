package io.postmortemsync.source.git;

import static io.postmortemsync.source.git.TableEdits.setCell;

import io.postmortemsync.config.GitConfig;
import io.postmortemsync.config.Secret;
import io.postmortemsync.config.SourceConfig;
import io.postmortemsync.source.DocumentSource.DocumentRef;
import io.postmortemsync.source.DocumentSource.PublishResult;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Wall times of the git source on a repository of many postmortems, over {@code file://} and over
 * smart HTTP on loopback (Basic auth, JGit's server side). Not a test: run it and read the numbers.
 *
 * <pre>
 * ./mvnw -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.postmortemsync.source.git.GitSourceBenchmark [-Dexec.args="1000 20"]
 * </pre>
 *
 * Arguments: number of documents (default 1000), measured repetitions of each pass (default 20).
 */
public final class GitSourceBenchmark {

    private static final String TOKEN = "benchmark-token";

    private GitSourceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = Files.createTempDirectory("pmsync-git-bench");
        try {
            long start = System.nanoTime();
            Path bare = createRepository(dir, documents);
            System.out.printf(
                    Locale.ROOT,
                    "repository: %d documents, %.1f MB packed (created in %d ms)%n",
                    documents,
                    size(bare) / 1e6,
                    (System.nanoTime() - start) / 1_000_000);
            System.out.printf(
                    Locale.ROOT,
                    "java %s, %d cpu(s)%n%n",
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());

            run("file://", GitFixture.url(bare), null, dir.resolve("file"), repetitions, documents, 0);
            try (Repository served = new FileRepositoryBuilder()
                            .setGitDir(bare.toFile())
                            .setMustExist(true)
                            .build();
                    SmartHttpGitServer http = new SmartHttpGitServer(served, "bench", TOKEN)) {
                run(
                        "http:// (loopback, Basic auth)",
                        http.url(),
                        TOKEN,
                        dir.resolve("http"),
                        repetitions,
                        documents,
                        10);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /** @param firstEdited the first of the ten documents the write-back passes edit (each run edits others) */
    private static void run(
            String label, String url, String token, Path dir, int repetitions, int documents, int firstEdited)
            throws Exception {
        System.out.println("== " + label);
        List<Long> clones = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path workdir = dir.resolve("clone-" + i);
            try (GitDocumentSource source = source(url, token, workdir)) {
                long t = System.nanoTime();
                List<DocumentRef> listed = source.refresh();
                clones.add(System.nanoTime() - t);
                check(listed.size() == documents, "listed " + listed.size());
            }
        }
        report("first pass: clone + list", clones);

        Path workdir = dir.resolve("clone-0");
        List<Long> restarts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (GitDocumentSource source = source(url, token, workdir)) {
                long t = System.nanoTime();
                source.refresh();
                restarts.add(System.nanoTime() - t);
            }
        }
        report("first pass after a restart: verify clone + fetch + list", restarts);

        try (GitDocumentSource source = source(url, token, workdir)) {
            source.refresh();
            List<Long> idle = new ArrayList<>();
            for (int i = 0; i < repetitions + 5; i++) {
                long t = System.nanoTime();
                source.refresh();
                PublishResult result = source.publish();
                long elapsed = System.nanoTime() - t;
                check(result instanceof PublishResult.NothingToPublish, "published something");
                if (i >= 5) {
                    idle.add(elapsed); // the first five warm the JIT
                }
            }
            report("pass without changes: fetch + list + publish (no commit)", idle);

            List<Long> writes = new ArrayList<>();
            String[] statuses = {"In Progress", "Completed"};
            for (int i = 0; i < 10; i++) {
                long t = System.nanoTime();
                source.refresh();
                source.update(
                        document(firstEdited + i),
                        setCell("Increase the connection pool size", "Status", statuses[i % 2]),
                        List.of("OPS-" + i + ": Not Started -> " + statuses[i % 2]));
                PublishResult result = source.publish();
                writes.add(System.nanoTime() - t);
                check(result instanceof PublishResult.Published, "did not publish");
            }
            report("pass with one write-back: fetch + list + edit + commit + push", writes);
        }
        System.out.println();
    }

    private static GitDocumentSource source(String url, String token, Path workdir) {
        GitConfig git = new GitConfig(
                url,
                GitFixture.BRANCH,
                token == null ? null : "bench",
                token == null ? null : Secret.of(token),
                null,
                null,
                new GitConfig.Author("postmortem-sync", "postmortem-sync@example.com"),
                workdir,
                5);
        SourceConfig config = new SourceConfig(
                SourceConfig.SourceType.GIT, Path.of("postmortems"), List.of("**/*.md"), List.of(), null, git);
        return new GitDocumentSource(config, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    private static Path createRepository(Path dir, int documents) throws Exception {
        Path bare = dir.resolve("remote.git");
        Git.init()
                .setBare(true)
                .setDirectory(bare.toFile())
                .setInitialBranch(GitFixture.BRANCH)
                .call()
                .close();
        Path seed = dir.resolve("seed");
        try (Git git = Git.init()
                .setDirectory(seed.toFile())
                .setInitialBranch(GitFixture.BRANCH)
                .call()) {
            for (int i = 0; i < documents; i++) {
                Path file = seed.resolve("postmortems").resolve(document(i));
                Files.createDirectories(file.getParent());
                Files.writeString(file, postmortem(i));
            }
            Files.writeString(seed.resolve("README.md"), "# Postmortems\n");
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Seeder", "seeder@example.com");
            git.commit()
                    .setMessage("1,000 postmortems")
                    .setAuthor(who)
                    .setCommitter(who)
                    .setSign(false)
                    .call();
            git.push().setRemote(bare.toUri().toString()).add(GitFixture.BRANCH).call();
        }
        try (Git git = Git.open(bare.toFile())) {
            git.gc().call(); // a served repository is packed
        }
        return bare;
    }

    private static String document(int i) {
        return String.format(
                Locale.ROOT, "%d/%d-%02d-%02d-incident-%04d.md", 2020 + i % 6, 2020 + i % 6, 1 + i % 12, 1 + i % 28, i);
    }

    /**
     * A postmortem of about 3 kB with four action items; a kilobyte of it is unique text, so that
     * the repository compresses like real documents do rather than like copies of one.
     */
    private static String postmortem(int i) {
        java.util.Random random = new java.util.Random(i);
        StringBuilder notes = new StringBuilder("## Notes\n");
        for (int w = 0; w < 160; w++) {
            notes.append(WORDS[random.nextInt(WORDS.length)]).append(w % 16 == 15 ? "\n" : " ");
        }
        return "# Incident Postmortem: Service degradation " + i + "\n\n"
                + "## Incident Summary\n"
                + "- **Date**: 2025-04-10\n- **Duration**: 14:32 to 16:00 (1 hour 28 minutes)\n- **Severity**: P"
                + (1 + i % 4) + "\n"
                + "- **Service(s) Affected**: service-" + (i % 40) + ", checkout\n- **Customer Impact**: " + (i % 30)
                + "% of requests failed\n\n"
                + "## Timeline\n| Time (UTC) | Event |\n|------------|-------|\n"
                + "| 14:32 | Alert triggered: high error rate on service-" + (i % 40) + " |\n"
                + "| 14:40 | On-call engineer acknowledged and started investigating |\n"
                + "| 15:10 | Root cause identified: connection pool exhausted under load |\n"
                + "| 16:00 | Pool size increased, error rate back to normal |\n\n"
                + "## Root Cause Analysis\n"
                + "A configuration change reduced the default connection pool size. Under the evening peak the pool was "
                + "exhausted and requests queued until they timed out. The alert fired late because it watched the "
                + "error rate only, not pool saturation. Incident " + i + " repeated a pattern seen before.\n\n"
                + "## Action Items\n"
                + "| Action | Type | Owner | Due Date | Status | Ticket |\n"
                + "|--------|------|-------|----------|--------|--------|\n"
                + "| Increase the connection pool size | Prevent | @alice | 2025-04-15 | Not Started |  |\n"
                + "| Add monitoring for connection pool utilization | Detect | @bob | 2025-04-20 | Not Started |  |\n"
                + "| Write a runbook for pool exhaustion | Respond | @carol | 2025-04-30 | Not Started |  |\n"
                + "| Load-test the checkout path before each release | Prevent | @dave | 2025-05-15 | Not Started |  |\n\n"
                + notes;
    }

    private static final String[] WORDS = ("latency pool database retry timeout queue deploy rollback alert page "
                    + "customer checkout payment cache replica failover kernel network packet loss saturation thread heap "
                    + "garbage collection config flag canary region zone shard index lock contention backlog consumer "
                    + "producer broker partition certificate expiry dns resolver load balancer health check")
            .split(" ");

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-62s n=%-3d min %7.1f ms  median %7.1f ms  max %7.1f ms%n",
                what,
                sorted.size(),
                sorted.get(0) / 1e6,
                sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark sanity check failed: " + what);
        }
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
