package io.postmortemsync.source.git;

import io.postmortemsync.config.Config;
import io.postmortemsync.config.ConfigLoader;
import io.postmortemsync.daemon.Application;
import io.postmortemsync.daemon.ProductionConnectors;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.IssueView;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.metrics.PostmortemMetrics;
import io.postmortemsync.metrics.PrometheusText;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.sync.PassReport;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The daemon's whole pass as production wires it, against real git: a {@link Config} loaded from
 * a YAML file with {@code source.type: git}, {@link Application} with the production tracker (the
 * Jira adapter, talking to the fake Jira on a local port), the real Markdown format and engine,
 * and {@link PostmortemMetrics} as the observer. Two things are injected where production has
 * wall time: the engine's clock (which the fake Jira shares) and the git source's wait between push
 * attempts (recorded instead of slept). And one place to act from: {@link #beforeNextPush}, which
 * runs after the engine's write-back and before the source commits and pushes.
 */
final class GitSyncHarness implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final String AUTHOR = "postmortem-sync";
    static final String AUTHOR_EMAIL = "pmsync-bot@example.com";

    final Path dir;
    final TestClock clock = TestClock.at("2025-05-01T09:00:00Z");
    final FakeJira jira;
    final Path bare;
    final GitFixture.RecordingSleeper sleeper = new GitFixture.RecordingSleeper();
    final PostmortemMetrics metrics = new PostmortemMetrics(clock, java.time.ZoneOffset.UTC, INTERVAL);
    private final List<GitFixture.Person> people = new ArrayList<>();
    private GitFixture.ThrowingRunnable beforePush;
    private Application app;
    Path workdir;

    /** A bare "server" repository holding {@code files} and a fake Jira Data Center. */
    GitSyncHarness(Path dir, Map<String, String> files) throws Exception {
        this.dir = dir;
        this.bare = GitFixture.bareRepository(dir, files);
        this.jira = FakeJira.builder(FakeJira.Mode.DATACENTER).clock(clock).start();
        jira.user(FakeJira.FakeUser.of("alice", "Alice", "alice@example.com"));
        jira.user(FakeJira.FakeUser.of("bob", "Bob", "bob@example.com"));
    }

    String fileUrl() {
        return GitFixture.url(bare);
    }

    /**
     * Writes {@code config.yaml} (and the secret files it names) for the given remote and loads
     * it as the CLI does.
     *
     * @param credentials extra lines under {@code source.git}, e.g. a username and passwordFile
     */
    Config config(String url, String... credentials) throws IOException {
        Files.writeString(dir.resolve("jira-token"), jira.secretValue());
        StringBuilder git = new StringBuilder();
        for (String line : credentials) {
            git.append("    ").append(line).append('\n');
        }
        Path file = Files.writeString(
                dir.resolve("config.yaml"), """
                source:
                  type: git
                  path: postmortems
                  linkTemplate: "https://git.example.com/acme/postmortems/blob/{branch}/postmortems/{path}"
                  git:
                    url: %s
                    branch: main
                %s    author: {name: %s, email: %s}
                    workdir: state/repo
                    pushRetries: 3
                tracker:
                  url: %s
                  deployment: datacenter
                  auth: {tokenFile: jira-token}
                  project: OPS
                  users: {"@alice": {name: alice}}
                sync: {interval: 5m}
                """.formatted(url, git, AUTHOR, AUTHOR_EMAIL, jira.url()));
        Config config = ConfigLoader.load(file, Map.of());
        workdir = config.source().git().workdir();
        return config;
    }

    /** Opens the application (a daemon's start) on {@code config}. */
    Application open(Config config) throws SourceException, TrackerException {
        app = Application.open(config, new Connectors(), metrics, metrics, clock);
        return app;
    }

    io.postmortemsync.sync.SyncEngine engine() {
        return app.engine();
    }

    /** A pass of the daemon, one interval after the previous one. */
    PassReport pass() {
        clock.advance(INTERVAL);
        return app.engine().sync();
    }

    /** Closes the application, as a stopped pod does; {@link #open} starts it again. */
    void stopDaemon() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    /** Runs once, in the next pass, after the write-back and before the commit and push. */
    void beforeNextPush(GitFixture.ThrowingRunnable action) {
        this.beforePush = action;
    }

    GitFixture.Person person(String name) throws Exception {
        GitFixture.Person person = new GitFixture.Person(name, fileUrl(), dir.resolve("people/" + name));
        people.add(person);
        return person;
    }

    /** The one ticket the daemon created for this item. */
    IssueView ticketOf(String incidentId, String action) {
        List<IssueView> tickets =
                jira.issuesWithLabel(SyncKey.of(incidentId, action).label());
        if (tickets.size() != 1) {
            throw new AssertionError("expected one ticket for \"" + action + "\", found " + tickets.size());
        }
        return tickets.getFirst();
    }

    String browse(String key) {
        return "[" + key + "](" + jira.url().toString().replaceAll("/$", "") + "/browse/" + key + ")";
    }

    /** The content of a file at the branch head of the bare repository, or null when it is not there. */
    String remoteFile(String path) throws IOException {
        return fileAt(GitFixture.head(bare), path);
    }

    String fileAt(RevCommit commit, String path) throws IOException {
        try (Repository repository = openBare();
                TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
            return walk == null
                    ? null
                    : new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The paths a commit changed against its (first) parent. */
    List<String> changedPaths(RevCommit commit) throws IOException {
        try (Repository repository = openBare();
                RevWalk commits = new RevWalk(repository);
                TreeWalk walk = new TreeWalk(repository)) {
            RevCommit parsed = commits.parseCommit(commit);
            walk.addTree(commits.parseCommit(parsed.getParent(0)).getTree());
            walk.addTree(parsed.getTree());
            walk.setRecursive(true);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            return DiffEntry.scan(walk).stream()
                    .map(d -> d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath())
                    .toList();
        }
    }

    Repository openBare() throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(bare.toFile())
                .setMustExist(true)
                .build();
    }

    /** A metric's value as {@code /metrics} serves it. */
    Optional<Double> metric(String name, String... labels) {
        return PrometheusText.parse(metrics.scrape("text/plain").text()).value(name, labels);
    }

    double metricSum(String name) {
        return PrometheusText.parse(metrics.scrape("text/plain").text()).samples(name).stream()
                .mapToDouble(PrometheusText.Sample::value)
                .sum();
    }

    @Override
    public void close() {
        stopDaemon();
        people.forEach(GitFixture.Person::close);
        metrics.close();
        jira.close();
        jira.assertNoViolations();
    }

    /** A postmortem in the team template with these Action Items rows. */
    static String postmortem(String incidentId, String title, String... rows) {
        StringBuilder b = new StringBuilder();
        b.append("# Incident Postmortem: ").append(title).append("\n\n");
        b.append("## Incident Summary\n");
        b.append("- **Incident ID**: ").append(incidentId).append('\n');
        b.append("- **Date**: 2025-04-10\n");
        b.append("- **Severity**: P1\n");
        b.append("- **Service(s) Affected**: payment-service, checkout\n\n");
        b.append("## Action Items\n");
        b.append("| Action | Type | Owner | Due Date | Status |\n");
        b.append("|--------|------|-------|----------|--------|\n");
        for (String row : rows) {
            b.append(row).append('\n');
        }
        b.append("\n## Lessons\nKeep an eye on pools.\n");
        return b.toString();
    }

    /**
     * The production connectors, except that the git source gets the engine's clock and records
     * its waits between push attempts, and its publish can be preceded by {@link #beforeNextPush}.
     */
    private final class Connectors implements Application.Connectors {
        @Override
        public DocumentSource openSource(Config config) {
            return new PushHook(new GitDocumentSource(config.source(), clock, sleeper));
        }

        @Override
        public Tracker openTracker(Config config, TrackerRequestObserver requests, Clock clock)
                throws TrackerException {
            return ProductionConnectors.INSTANCE.openTracker(config, requests, clock);
        }
    }

    /** The real git source; a person may act between the engine's write-back and the push. */
    private final class PushHook implements DocumentSource {
        private final GitDocumentSource source;

        PushHook(GitDocumentSource source) {
            this.source = source;
        }

        @Override
        public List<DocumentRef> refresh() throws SourceException {
            return source.refresh();
        }

        @Override
        public byte[] read(String path) throws IOException {
            return source.read(path);
        }

        @Override
        public UpdateResult update(String path, DocumentEdit edit, List<String> description) throws IOException {
            return source.update(path, edit, description);
        }

        @Override
        public boolean updatesConcurrently() {
            return source.updatesConcurrently();
        }

        @Override
        public PublishResult publish() throws SourceException {
            GitFixture.ThrowingRunnable action = beforePush;
            beforePush = null;
            if (action != null) {
                try {
                    action.run();
                } catch (Exception e) {
                    throw new AssertionError("the person's action failed", e);
                }
            }
            return source.publish();
        }

        @Override
        public Optional<String> linkFor(String path) {
            return source.linkFor(path);
        }

        @Override
        public String describe() {
            return source.describe();
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
