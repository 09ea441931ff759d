package io.postmortemsync.source.git;

import static io.postmortemsync.source.git.GitSyncHarness.postmortem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.postmortemsync.config.Config;
import io.postmortemsync.daemon.Daemon;
import io.postmortemsync.daemon.ManualScheduler;
import io.postmortemsync.daemon.PassLog;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.sync.PassReport;
import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.sync.PassReportFormat;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git issue's end-to-end list: the daemon's passes, wired from a {@code source.type: git}
 * configuration as production wires them, against a bare repository in a temporary folder
 * ({@code file://}), people with clones of their own who push, and the fake Jira.
 */
class GitSyncEndToEndTest {

    static final String PAYMENTS = "postmortems/2025-04-10-payments.md";
    static final String POOL = "Increase default connection pool size";
    static final String MONITOR = "Add monitoring for connection pool utilization";
    static final String POOL_ROW = "| " + POOL + " | Prevent | @alice | 2025-04-15 | Not Started |";
    static final String MONITOR_ROW = "| " + MONITOR + " | Detect | @bob | 2025-04-20 | Not Started |";

    @TempDir
    Path tmp;

    GitSyncHarness h;
    LogCapture logs;

    @BeforeEach
    void setUp() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "# Postmortems\n");
        files.put(PAYMENTS, postmortem("INC-42", "Payment service errors", POOL_ROW, MONITOR_ROW));
        h = new GitSyncHarness(tmp, files);
        logs = new LogCapture();
    }

    @AfterEach
    void tearDown() {
        logs.close();
        h.close();
    }

    private Config fileConfig() throws Exception {
        return h.config(h.fileUrl());
    }

    @Test
    void theFirstPassClonesCreatesTheTicketsAndPushesOneCommitWithTheKeysAndTheSecondChangesNothing() throws Exception {
        RevCommit seed = GitFixture.head(h.bare);
        GitFixture.Person alice = h.person("Alice");
        h.open(fileConfig());

        PassReport first = h.pass();

        assertThat(first.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(first.summary().created()).isEqualTo(2);
        assertThat(first.summary().writtenBack()).isEqualTo(2);
        assertThat(first.errors()).isEmpty();
        assertThat(h.workdir.resolve(".git")).isDirectory();
        String pool = h.ticketOf("INC-42", POOL).key();
        String monitor = h.ticketOf("INC-42", MONITOR).key();
        assertThat(h.ticketOf("INC-42", POOL).assignee()).isEqualTo("alice");

        List<RevCommit> history = GitFixture.log(h.bare);
        assertThat(history).hasSize(2);
        RevCommit ours = history.getFirst();
        assertThat(ours.getParents()).containsExactly(seed);
        assertThat(ours.getAuthorIdent().getName()).isEqualTo(GitSyncHarness.AUTHOR);
        assertThat(ours.getAuthorIdent().getEmailAddress()).isEqualTo(GitSyncHarness.AUTHOR_EMAIL);
        assertThat(ours.getCommitterIdent().getEmailAddress()).isEqualTo(GitSyncHarness.AUTHOR_EMAIL);
        assertThat(ours.getFullMessage()).isEqualTo("""
                postmortem-sync: write back 2 changes to 1 postmortem

                %s: ticket key added (%s)
                %s: ticket key added (%s)
                """.formatted(pool, PAYMENTS, monitor, PAYMENTS));
        assertThat(h.changedPaths(ours)).containsExactly(PAYMENTS);

        alice.pull();
        assertThat(alice.read(PAYMENTS))
                .contains("| " + POOL + " | Prevent | @alice | 2025-04-15 | Not Started | " + h.browse(pool) + " |")
                .contains("| " + MONITOR + " | Detect | @bob | 2025-04-20 | Not Started | " + h.browse(monitor) + " |")
                .endsWith("\n## Lessons\nKeep an eye on pools.\n");

        h.jira.clearLog();
        PassReport second = h.pass();

        assertThat(second.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(second.actions()).isEmpty();
        assertThat(h.jira.count(Operation.CREATE)).isZero();
        assertThat(GitFixture.log(h.bare)).hasSize(2);
        assertThat(h.jira.issuesWithLabel("postmortem-sync")).hasSize(2);
        assertThat(h.sleeper.waits).isEmpty();
    }

    @Test
    void aPersonPushingAnotherRowDuringThePassKeepsTheirEditAndTheDaemonPushesOnTopWithoutLosingAnything()
            throws Exception {
        GitFixture.Person alice = h.person("Alice");
        h.open(fileConfig());
        h.pass();
        String pool = h.ticketOf("INC-42", POOL).key();
        String monitor = h.ticketOf("INC-42", MONITOR).key();
        RevCommit keys = GitFixture.head(h.bare);
        h.jira.transition(pool, "In Progress", null);
        RevCommit[] theirs = new RevCommit[1];
        // After the engine wrote the status into its clone, before its push: Alice pushes first.
        h.beforeNextPush(() -> {
            alice.pull();
            theirs[0] = alice.replace(
                            PAYMENTS,
                            "| " + MONITOR + " | Detect | @bob | 2025-04-20 |",
                            "| " + MONITOR + " | Detect | @carol | 2025-04-27 |")
                    .commitAndPush("Carol takes the monitoring item, a week later");
        });

        PassReport report = h.pass();

        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(report.errors()).isEmpty();
        assertThat(report.actions())
                .extracting(PassReport.Action::op, PassReport.Action::ticket, PassReport.Action::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        Op.WRITE_BACK, pool, pool + ": Not Started -> In Progress"));
        assertThat(h.sleeper.waits).containsExactly(Duration.ofMillis(250)); // rejected once, retried once
        List<RevCommit> history = GitFixture.log(h.bare);
        assertThat(history).hasSize(4);
        RevCommit ours = history.getFirst();
        assertThat(ours.getParents()).containsExactly(theirs[0]);
        assertThat(history.get(1)).isEqualTo(theirs[0]);
        assertThat(theirs[0].getParents()).containsExactly(keys);
        assertThat(history).allSatisfy(c -> assertThat(c.getParentCount()).isLessThanOrEqualTo(1)); // linear, no merge
        assertThat(ours.getFullMessage()).isEqualTo("""
                postmortem-sync: write back 1 change to 1 postmortem

                %s: Not Started -> In Progress (%s)
                """.formatted(pool, PAYMENTS));
        String remote = h.remoteFile(PAYMENTS);
        assertThat(remote)
                .contains("| " + POOL + " | Prevent | @alice | 2025-04-15 | In Progress | " + h.browse(pool) + " |")
                .contains(
                        "| " + MONITOR + " | Detect | @carol | 2025-04-27 | Not Started | " + h.browse(monitor) + " |");
        // Nothing else moved: the push on top differs from Alice's version in the status cell only.
        assertThat(remote)
                .isEqualTo(h.fileAt(theirs[0], PAYMENTS)
                        .replace(
                                "| " + POOL + " | Prevent | @alice | 2025-04-15 | Not Started |",
                                "| " + POOL + " | Prevent | @alice | 2025-04-15 | In Progress |"));
        assertThat(logs.at(Level.INFO, "io.postmortemsync.source.git"))
                .anyMatch(m -> m.contains(PAYMENTS + " was also changed by commit "
                        + theirs[0].abbreviate(8).name() + " by Alice; the write-back was applied again on top of it"));

        h.jira.clearLog();
        assertThat(h.pass().actions()).isEmpty(); // and the next pass finds everything in place
        assertThat(GitFixture.log(h.bare)).hasSize(4);
    }

    @Test
    void aPersonChangingTheSameStatusCellDuringThePassIsOverriddenByJiraAndTheLogNamesTheirCommit() throws Exception {
        GitFixture.Person alice = h.person("Alice");
        h.open(fileConfig());
        h.pass();
        String pool = h.ticketOf("INC-42", POOL).key();
        h.jira.transition(pool, "In Progress", null);
        RevCommit[] theirs = new RevCommit[1];
        h.beforeNextPush(() -> {
            alice.pull();
            theirs[0] = alice.replace(
                            PAYMENTS,
                            "| " + POOL + " | Prevent | @alice | 2025-04-15 | Not Started |",
                            "| " + POOL + " | Prevent | @alice | 2025-04-15 | Completed |")
                    .commitAndPush("Pool size raised");
        });

        PassReport report = h.pass();

        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(h.remoteFile(PAYMENTS))
                .contains("| " + POOL + " | Prevent | @alice | 2025-04-15 | In Progress | " + h.browse(pool) + " |");
        assertThat(GitFixture.log(h.bare).get(1)).isEqualTo(theirs[0]); // their commit stays in the history
        assertThat(logs.at(Level.WARN, "io.postmortemsync.source.git"))
                .anySatisfy(m -> assertThat(m)
                        .startsWith(PAYMENTS + " line(s) 12 were changed by commit "
                                + theirs[0].abbreviate(8).name() + " by Alice")
                        .endsWith("the tracker's value wins (" + pool + ": Not Started -> In Progress)"));
    }

    @Test
    void aDocumentDeletedByAPersonDuringThePassIsAWarningInThePassReportNotAWriteBack() throws Exception {
        GitFixture.Person alice = h.person("Alice");
        h.open(fileConfig());
        h.beforeNextPush(() -> alice.delete(PAYMENTS).commitAndPush("Moved to the wiki"));

        PassReport report = h.pass();

        String pool = h.ticketOf("INC-42", POOL).key();
        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(report.summary().created()).isEqualTo(2);
        assertThat(report.summary().writtenBack()).isZero();
        assertThat(report.errors()).hasSize(2).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("2025-04-10-payments.md");
            assertThat(p.severity().id()).isEqualTo("warning");
            assertThat(p.message())
                    .startsWith("written back but not published: could not be applied again after a concurrent change"
                            + " (the document was deleted by a concurrent commit)");
        });
        assertThat(report.errors())
                .extracting(PassReport.Problem::message)
                .anySatisfy(m -> assertThat(m).contains(pool));
        assertThat(h.remoteFile(PAYMENTS)).isNull();
        assertThat(GitFixture.log(h.bare).getFirst().getFullMessage()).isEqualTo("Moved to the wiki");
    }

    @Test
    void aPostmortemPushedByAPersonGetsItsTicketsInTheNextPassAndOnlyThose() throws Exception {
        GitFixture.Person alice = h.person("Alice");
        h.open(fileConfig());
        h.pass();
        String login = "postmortems/2025/2025-05-02-login.md";
        alice.pull();
        alice.write(
                        login,
                        postmortem(
                                "INC-77",
                                "Login outage",
                                "| Load-test the login path | Prevent | @alice | 2025-05-20 | Not Started |",
                                "| Page on login error rate | Detect | @alice | 2025-05-10 | In Progress |"))
                .commitAndPush("Login outage postmortem");
        h.jira.clearLog();

        PassReport report = h.pass();

        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(report.summary().created()).isEqualTo(2);
        assertThat(report.actions()).extracting(PassReport.Action::file).containsOnly("2025/2025-05-02-login.md");
        assertThat(h.jira.count(Operation.CREATE)).isEqualTo(1); // one bulk request
        assertThat(h.jira.issuesWithLabel("postmortem-sync")).hasSize(4);
        String loadTest = h.ticketOf("INC-77", "Load-test the login path").key();
        String page = h.ticketOf("INC-77", "Page on login error rate").key();
        RevCommit ours = GitFixture.head(h.bare);
        assertThat(h.changedPaths(ours)).containsExactly(login);
        assertThat(ours.getFullMessage()).isEqualTo("""
                postmortem-sync: write back 3 changes to 1 postmortem

                %s: ticket key added (%s)
                %s: ticket key added (%s)
                %s: In Progress -> Not Started (%s)
                """.formatted(loadTest, login, page, login, page, login));
        assertThat(h.remoteFile(login)).contains(h.browse(loadTest), h.browse(page));
    }

    @Test
    void aStatusChangeInJiraBecomesOneCommitChangingExactlyThatCell() throws Exception {
        h.open(fileConfig());
        h.pass();
        String monitor = h.ticketOf("INC-42", MONITOR).key();
        RevCommit before = GitFixture.head(h.bare);
        h.jira.transition(monitor, "Done", "Done");

        PassReport report = h.pass();

        assertThat(report.summary()).isEqualTo(new PassReport.Summary(0, 0, 0, 1, 1, 0));
        List<RevCommit> history = GitFixture.log(h.bare);
        assertThat(history).hasSize(3);
        RevCommit ours = history.getFirst();
        assertThat(ours.getParents()).containsExactly(before);
        assertThat(ours.getFullMessage()).isEqualTo("""
                postmortem-sync: write back 1 change to 1 postmortem

                %s: Not Started -> Completed (%s)
                """.formatted(monitor, PAYMENTS));
        assertThat(h.changedPaths(ours)).containsExactly(PAYMENTS);
        List<String> was = h.fileAt(before, PAYMENTS).lines().toList();
        List<String> now = h.remoteFile(PAYMENTS).lines().toList();
        assertThat(now).hasSameSizeAs(was);
        List<Integer> differing = java.util.stream.IntStream.range(0, was.size())
                .filter(i -> !was.get(i).equals(now.get(i)))
                .boxed()
                .toList();
        assertThat(differing).singleElement().satisfies(i -> {
            assertThat(was.get(i)).startsWith("| " + MONITOR + " | Detect | @bob | 2025-04-20 | Not Started |");
            assertThat(now.get(i)).isEqualTo(was.get(i).replace("| Not Started |", "| Completed   |"));
        });
    }

    @Test
    void aRenamedPostmortemKeepsItsTicketsAndADeletedOneStopsCounting() throws Exception {
        String login = "postmortems/2025-05-02-login.md";
        GitFixture.Person alice = h.person("Alice");
        alice.write(
                        login,
                        postmortem(
                                "INC-77",
                                "Login outage",
                                "| Load-test the login path | Prevent | @alice | 2025-05-20 | Not Started |"))
                .commitAndPush("Login outage postmortem");
        h.open(fileConfig());
        h.pass();
        assertThat(h.metric("postmortem_documents", "state", "valid")).contains(2.0);
        assertThat(h.metricSum("postmortem_action_items")).isEqualTo(3.0);
        String pool = h.ticketOf("INC-42", POOL).key();

        alice.pull();
        String renamed = "postmortems/2025/04/payments-incident.md";
        alice.rename(PAYMENTS, renamed)
                .delete(login)
                .commitAndPush("Reorganise by month; the login postmortem was a duplicate");
        h.jira.clearLog();
        h.jira.transition(pool, "In Progress", null);

        PassReport report = h.pass();

        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(report.summary().created()).isZero();
        assertThat(report.summary().adopted()).isZero();
        assertThat(h.jira.count(Operation.CREATE)).isZero();
        assertThat(h.jira.issuesWithLabel("postmortem-sync")).hasSize(3);
        // The renamed document's tickets are followed by their keys: the status reaches the new path.
        assertThat(h.remoteFile(renamed))
                .contains("| " + POOL + " | Prevent | @alice | 2025-04-15 | In Progress | " + h.browse(pool) + " |");
        assertThat(h.remoteFile(PAYMENTS)).isNull();
        assertThat(h.metric("postmortem_documents", "state", "valid")).contains(1.0);
        assertThat(h.metricSum("postmortem_action_items")).isEqualTo(2.0);
        assertThat(h.metric("postmortem_action_items", "type", "prevent", "status", "in_progress"))
                .contains(1.0);
    }

    @Test
    void aCorruptedWorkdirIsMovedAsideAndClonedAgainAndThePassGoesOn() throws Exception {
        h.open(fileConfig());
        h.pass();
        String pool = h.ticketOf("INC-42", POOL).key();
        // The clone's repository is gone under the running daemon (someone "cleaned up" the volume).
        try (Stream<Path> files = Files.walk(h.workdir.resolve(".git"))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        h.jira.transition(pool, "In Progress", null);

        PassReport report = h.pass();

        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(report.errors()).isEmpty();
        assertThat(report.summary().writtenBack()).isEqualTo(1);
        assertThat(h.remoteFile(PAYMENTS))
                .contains("| " + POOL + " | Prevent | @alice | 2025-04-15 | In Progress | " + h.browse(pool) + " |");
        try (Stream<Path> siblings = Files.list(h.workdir.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("repo.moved-aside-"));
        }
        assertThat(logs.at(Level.WARN, "io.postmortemsync.source.git"))
                .anyMatch(m -> m.startsWith("The clone in " + h.workdir + " is unusable"));
    }

    @Test
    void aCorruptedWorkdirFoundAtStartIsReplacedToo() throws Exception {
        h.open(fileConfig());
        h.pass();
        h.stopDaemon();
        Files.writeString(h.workdir.resolve(".git/HEAD"), "garbage\n");
        String pool = h.ticketOf("INC-42", POOL).key();
        h.jira.transition(pool, "Done", "Done");

        h.open(fileConfig());
        PassReport report = h.pass();

        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(h.jira.issuesWithLabel("postmortem-sync")).hasSize(2);
        assertThat(h.remoteFile(PAYMENTS))
                .contains("| " + POOL + " | Prevent | @alice | 2025-04-15 | Completed   | " + h.browse(pool) + " |");
        assertThat(Arrays.stream(h.workdir.getParent().toFile().list()))
                .anyMatch(name -> name.startsWith("repo.moved-aside-"));
    }

    @Test
    void aRejectedPasswordOrAnUnreachableRemoteFailsThePassNamingTheRemoteWithoutSecretsAndTheDaemonRecovers()
            throws Exception {
        String password = "git-token-7c1d9e55a0b4";
        Files.writeString(tmp.resolve("git-token"), password + "\n");
        logs.close();
        logs = new LogCapture(Level.DEBUG); // as much as an operator can turn on
        List<PassReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        ManualScheduler scheduler = new ManualScheduler();
        try (Repository served = h.openBare();
                SmartHttpGitServer server = new SmartHttpGitServer(served, "x-access-token", password)) {
            h.open(h.config(server.url(), "username: x-access-token", "passwordFile: git-token"));
            Daemon daemon =
                    new Daemon(Daemon.Passes.of(h.engine()), scheduler, GitSyncHarness.INTERVAL, List.of(), report -> {
                        reports.add(report);
                        PassLog.log(report); // what the daemon logs
                    });
            daemon.start();
            scheduler.advance(Duration.ZERO);
            assertThat(reports).singleElement().extracting(PassReport::outcome).isEqualTo(PassOutcome.SUCCESS);
            String pool = h.ticketOf("INC-42", POOL).key();

            server.changePassword("rotated-by-someone-else"); // the token was revoked
            h.jira.transition(pool, "In Progress", null);
            nextInterval(scheduler);
            server.changePassword(password);
            server.stop(); // the git host is down
            nextInterval(scheduler);

            assertThat(reports).hasSize(3);
            PassReport revoked = reports.get(1);
            PassReport down = reports.get(2);
            assertThat(revoked.outcome()).isEqualTo(PassOutcome.FAILURE);
            assertThat(revoked.errors()).singleElement().satisfies(p -> {
                assertThat(p.file()).isNull();
                assertThat(p.message())
                        .contains("cannot fetch from " + server.url() + ": the server rejected the credentials");
            });
            assertThat(down.outcome()).isEqualTo(PassOutcome.FAILURE);
            assertThat(down.errors())
                    .singleElement()
                    .satisfies(p -> assertThat(p.message())
                            .contains("cannot fetch from " + server.url() + ": the server is unreachable"));
            assertThat(daemon.isStopped()).isFalse();
            assertThat(scheduler.hasPendingPeriodic()).isTrue(); // the daemon keeps its schedule

            server.start(); // back, on the same port
            nextInterval(scheduler);

            PassReport recovered = reports.get(3);
            assertThat(recovered.outcome()).isEqualTo(PassOutcome.SUCCESS);
            assertThat(recovered.summary().writtenBack()).isEqualTo(1);
            assertThat(h.remoteFile(PAYMENTS))
                    .contains(
                            "| " + POOL + " | Prevent | @alice | 2025-04-15 | In Progress | " + h.browse(pool) + " |");
            assertThat(h.metric("postmortem_sync_runs_total", "outcome", "failure"))
                    .contains(2.0);
            assertThat(h.metric("postmortem_sync_runs_total", "outcome", "success"))
                    .contains(2.0);
            assertThat(daemon.stop(Duration.ofSeconds(5))).isTrue();
        }

        String basic = java.util.Base64.getEncoder()
                .encodeToString(("x-access-token:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> secrets = List.of(password, basic, h.jira.secretValue());
        assertThat(logs.all()).contains("the server rejected the credentials").contains("the server is unreachable");
        for (String secret : secrets) {
            assertThat(logs.all()).doesNotContain(secret);
            for (PassReport report : reports) {
                assertThat(PassReportFormat.JSON.render(report)).doesNotContain(secret);
                assertThat(PassReportFormat.TEXT.render(report)).doesNotContain(secret);
                assertThat(report.toString()).doesNotContain(secret);
            }
        }
        assertThat(Files.readString(h.workdir.resolve(".git/config"))).doesNotContain(password);
    }

    private void nextInterval(ManualScheduler scheduler) {
        h.clock.advance(GitSyncHarness.INTERVAL);
        scheduler.advance(GitSyncHarness.INTERVAL);
    }
}
