package io.postmortemsync.source.git;

import static io.postmortemsync.source.git.TableEdits.postmortem;
import static io.postmortemsync.source.git.TableEdits.setCell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import io.postmortemsync.config.GitConfig;
import io.postmortemsync.source.DocumentSource.DocumentRef;
import io.postmortemsync.source.DocumentSource.PublishResult;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.source.git.GitFixture.Person;
import io.postmortemsync.source.git.GitFixture.RecordingSleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The https path, exercised for real: a smart-HTTP git server with Basic auth (JGit's
 * UploadPack/ReceivePack behind the JDK's HttpServer). A {@code file://} remote cannot check a
 * password, so this is where credentials, their rejection and their secrecy are tested, and
 * where a person can push in the very instant between the daemon's fetch and its push.
 */
class GitOverHttpTest {

    static final String USER = "x-access-token";
    static final String TOKEN = "ghp_CorrectHorseBatteryStaple42";
    static final String WRONG_TOKEN = "ghp_WrongButStillSecret99";
    static final String DOC = "2025-04-10-payments.md";

    @TempDir
    Path tmp;

    Path bare;
    Repository served;
    SmartHttpGitServer server;
    Path workdir;
    final RecordingSleeper sleeper = new RecordingSleeper();
    final Clock clock = Clock.fixed(Instant.parse("2025-04-16T09:30:00Z"), ZoneOffset.UTC);
    LogCapture logs;
    GitDocumentSource source;
    Person alice;

    @BeforeEach
    void setUp() throws Exception {
        bare = GitFixture.bareRepository(
                tmp,
                Map.of(
                        "postmortems/" + DOC,
                        postmortem(
                                "Payment service errors",
                                new String[] {"Increase pool size", "Not Started"},
                                new String[] {"Add pool monitoring", "Not Started"})));
        served = new FileRepositoryBuilder()
                .setGitDir(bare.toFile())
                .setMustExist(true)
                .build();
        server = new SmartHttpGitServer(served, USER, TOKEN);
        workdir = tmp.resolve("repo");
        // Everything, down to DEBUG, from every logger (JGit's too): none of it may hold a token.
        logs = new LogCapture(Level.DEBUG);
    }

    @AfterEach
    void tearDown() {
        if (source != null) {
            source.close();
        }
        if (alice != null) {
            alice.close();
        }
        server.close();
        served.close();
        logs.close();
    }

    GitDocumentSource source(String url, String user, String password, int pushRetries) {
        GitConfig git = new GitConfig(
                url,
                GitFixture.BRANCH,
                user,
                password == null ? null : io.postmortemsync.config.Secret.of(password),
                null,
                null,
                new GitConfig.Author("postmortem-sync", "postmortem-sync@example.com"),
                workdir,
                pushRetries);
        return new GitDocumentSource(GitFixture.sourceConfig(git, "postmortems"), clock, sleeper);
    }

    Person alice() throws Exception {
        if (alice == null) {
            alice = new Person("Alice", GitFixture.url(bare), tmp.resolve("alice"));
        }
        return alice;
    }

    @Test
    void withTheRightTokenItClonesFetchesAndPushesAndStoresTheTokenNowhere() throws Exception {
        source = source(server.url(), USER, TOKEN, 3);

        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(DOC);
        source.update(
                DOC,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-1: Not Started -> In Progress"));
        PublishResult result = source.publish();

        assertThat(result).isInstanceOf(PublishResult.Published.class);
        assertThat(server.pushesReceived()).isEqualTo(1);
        assertThat(GitFixture.log(bare).get(0).getAuthorIdent().getName()).isEqualTo("postmortem-sync");
        assertThat(Files.readString(workdir.resolve(".git/config")))
                .contains(server.url())
                .doesNotContain(TOKEN);
        assertThat(logs.all()).doesNotContain(TOKEN);
        assertThat(source.describe()).doesNotContain(TOKEN);
    }

    @Test
    void aPassWithNoChangesCostsOneRefAdvertisementAndNoCommit() throws Exception {
        source = source(server.url(), USER, TOKEN, 3);
        source.refresh();
        RevCommit head = GitFixture.head(bare);
        server.clearRequests();

        source.refresh();
        PublishResult result = source.publish();

        // Nothing new on the branch: the fetch ends after the ref advertisement (no pack requested).
        // (JGit also meets one 401 challenge per connection before sending the credentials.)
        assertThat(server.requests()).containsExactly("GET info/refs?service=git-upload-pack");
        assertThat(result).isEqualTo(new PublishResult.NothingToPublish());
        assertThat(GitFixture.head(bare)).isEqualTo(head);
    }

    @Test
    void credentialsWrittenIntoTheUrlAreUsedButNeitherStoredNorShown() throws Exception {
        String url = server.url().replace("http://", "http://" + USER + ":" + TOKEN + "@");
        source = source(url, null, null, 3);

        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(DOC);

        assertThat(Files.readString(workdir.resolve(".git/config")))
                .doesNotContain(TOKEN)
                .doesNotContain(USER + "@");
        assertThat(source.describe()).isEqualTo("git " + server.url() + " (branch main, folder postmortems/)");
        assertThat(logs.all()).doesNotContain(TOKEN);
    }

    @Test
    void aWrongTokenFailsThePassClearlyAndNeverShowsTheToken() throws Exception {
        source = source(server.url(), USER, WRONG_TOKEN, 3);

        SourceException failure = catchThrowableOfType(SourceException.class, source::refresh);

        assertThat(failure)
                .hasMessage(
                        "cannot clone " + server.url()
                                + ": the server rejected the credentials; check source.git.username and source.git.password (or the file named by passwordFile)");
        assertThat(server.unauthorizedResponses()).isPositive();
        assertNoSecretIn(failure, WRONG_TOKEN);
        assertThat(logs.all()).doesNotContain(WRONG_TOKEN);
        assertThat(workdir).isEmptyDirectory();

        // The operator fixes the token; the next start clones.
        source.close();
        source = source(server.url(), USER, TOKEN, 3);
        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(DOC);
    }

    @Test
    void aRevokedTokenFailsTheFetchAndTheNextPassSucceedsOnceItIsValidAgain() throws Exception {
        source = source(server.url(), USER, TOKEN, 3);
        source.refresh();
        server.changePassword("rotated-" + TOKEN);

        SourceException failure = catchThrowableOfType(SourceException.class, source::refresh);

        assertThat(failure)
                .hasMessage(
                        "cannot fetch from " + server.url()
                                + ": the server rejected the credentials; check source.git.username and source.git.password (or the file named by passwordFile)");
        assertNoSecretIn(failure, TOKEN);

        server.changePassword(TOKEN);
        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(DOC);
        assertThat(logs.all()).doesNotContain(TOKEN);
    }

    @Test
    void aServerAskingForCredentialsWhenNoneAreConfiguredSaysSo() {
        source = source(server.url(), null, null, 3);

        SourceException failure = catchThrowableOfType(SourceException.class, source::refresh);

        assertThat(failure)
                .hasMessage("cannot clone " + server.url() + ": the server asks for credentials and none are "
                        + "configured (source.git.username, and source.git.password or passwordFile)");
    }

    @Test
    void anUnreachableServerFailsThePassAndTheNextPassSucceedsWhenItIsBack() throws Exception {
        source = source(server.url(), USER, TOKEN, 3);
        source.refresh();
        server.stop();

        SourceException failure = catchThrowableOfType(SourceException.class, source::refresh);

        assertThat(failure.getMessage())
                .startsWith("cannot fetch from " + server.url() + ": the server is unreachable (");
        assertNoSecretIn(failure, TOKEN);

        server.start();
        alice().write("postmortems/2025-05-01-dns.md", "# DNS\n").commitAndPush("while the server was down");
        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(DOC, "2025-05-01-dns.md");
        assertThat(logs.all()).doesNotContain(TOKEN);
    }

    @Test
    void readOnlyCredentialsFailThePushClearlyAndTheWriteBackWaitsForTheNextPass() throws Exception {
        source = source(server.url(), USER, TOKEN, 3);
        source.refresh();
        source.update(
                DOC,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-1: Not Started -> In Progress"));
        server.allowReceive(false);

        SourceException failure = catchThrowableOfType(SourceException.class, source::publish);

        assertThat(failure.getMessage())
                .startsWith("cannot push to " + server.url() + ": the server refused access (")
                .endsWith("); the credentials may be read-only");
        assertThat(sleeper.waits).isEmpty(); // no point retrying a refusal

        server.allowReceive(true);
        source.refresh();
        assertThat(source.publish()).isInstanceOf(PublishResult.Published.class);
        assertThat(Files.readString(bareFile()))
                .contains("| Increase pool size | Prevent | @alice | 2025-04-15 | In Progress |");
    }

    @Test
    void whenAPersonPushesBetweenTheDaemonsFetchAndItsPushTheDaemonRetriesOnTop() throws Exception {
        source = source(server.url(), USER, TOKEN, 5);
        source.refresh();
        source.update(
                DOC,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-1: Not Started -> In Progress"));
        List<String> owners = List.of("@alice", "@bob", "@carol");
        int[] racing = {0};
        server.beforeReceive(() -> {
            if (racing[0] < 2) {
                String from = owners.get(racing[0]);
                String to = owners.get(++racing[0]);
                alice().replace(
                                "postmortems/" + DOC,
                                "| Add pool monitoring | Prevent | " + from + " |",
                                "| Add pool monitoring | Prevent | " + to + " |")
                        .commitAndPush("owner " + racing[0]);
            }
        });

        PublishResult result = source.publish();

        assertThat(result).isInstanceOf(PublishResult.Published.class);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        List<RevCommit> history = GitFixture.log(bare);
        assertThat(history)
                .extracting(RevCommit::getShortMessage)
                .containsExactly(
                        "postmortem-sync: write back 1 change to 1 postmortem",
                        "owner 2",
                        "owner 1",
                        "Initial postmortems");
        assertThat(history).allMatch(c -> c.getParentCount() <= 1);
        assertThat(Files.readString(bareFile()))
                .contains("| Increase pool size | Prevent | @alice | 2025-04-15 | In Progress |")
                .contains("| Add pool monitoring | Prevent | @carol | 2025-04-15 | Not Started |");
    }

    @Test
    void whenPeopleKeepWinningTheRaceTheDaemonGivesUpForThisPassAndPublishesInTheNext() throws Exception {
        source = source(server.url(), USER, TOKEN, 2);
        source.refresh();
        source.update(
                DOC,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-1: Not Started -> In Progress"));
        int[] racing = {0};
        server.beforeReceive(() -> alice().write("postmortems/busy-" + ++racing[0] + ".md", "# busy\n")
                .commitAndPush("busy " + racing[0]));

        SourceException failure = catchThrowableOfType(SourceException.class, source::publish);

        assertThat(failure)
                .hasMessage("push to " + server.url() + " (branch main) was rejected 3 time(s) because others "
                        + "kept pushing first; the write-back is kept and tried again next pass");
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(GitFixture.log(bare))
                .hasSize(4)
                .noneMatch(c -> c.getAuthorIdent().getName().equals("postmortem-sync"));

        server.beforeReceive(() -> {});
        assertThat(source.refresh())
                .extracting(DocumentRef::path)
                .containsExactly(DOC, "busy-1.md", "busy-2.md", "busy-3.md");
        assertThat(source.publish()).isInstanceOf(PublishResult.Published.class);
        assertThat(GitFixture.log(bare)).hasSize(5);
        assertThat(Files.readString(bareFile()))
                .contains("| Increase pool size | Prevent | @alice | 2025-04-15 | In Progress |");
    }

    /** The document as the branch holds it, read through a fresh clone. */
    Path bareFile() throws Exception {
        Path dir = tmp.resolve("check-" + System.nanoTime());
        new Person("Reader", GitFixture.url(bare), dir).close();
        return dir.resolve("postmortems/" + DOC);
    }

    static void assertNoSecretIn(Throwable failure, String secret) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(secret);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
        }
    }
}
