package io.postmortemsync.source.git;

import static io.postmortemsync.source.git.TableEdits.postmortem;
import static io.postmortemsync.source.git.TableEdits.setCell;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.postmortemsync.config.GitConfig;
import io.postmortemsync.source.DocumentSource.DocumentRef;
import io.postmortemsync.source.DocumentSource.PublishResult;
import io.postmortemsync.source.DocumentSource.UpdateResult;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.source.git.GitFixture.Person;
import io.postmortemsync.source.git.GitFixture.RecordingSleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDocumentSourceTest {

    static final String PAYMENTS = "2025-04-10-payments.md";
    static final String LOGIN = "2025/2025-02-01-login.md";
    static final Instant NOW = Instant.parse("2025-04-16T09:30:00Z");

    @TempDir
    Path tmp;

    Path bare;
    String remoteUrl;
    Path workdir;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final RecordingSleeper sleeper = new RecordingSleeper();
    LogCapture logs;
    GitDocumentSource source;
    Person alice;

    @BeforeEach
    void setUp() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "# Postmortems\n");
        files.put(
                "postmortems/" + PAYMENTS,
                postmortem("Payment service errors", new String[] {"Increase pool size", "Not Started"}, new String[] {
                    "Add pool monitoring", "Not Started"
                }));
        files.put(
                "postmortems/" + LOGIN,
                postmortem("Login outage", new String[] {"Load-test the login path", "In Progress", "OPS-7"}));
        files.put("postmortems/notes.txt", "not a postmortem\n");
        files.put("postmortems/drafts/wip.md", "# draft\n");
        bare = GitFixture.bareRepository(tmp, files);
        remoteUrl = GitFixture.url(bare);
        workdir = tmp.resolve("state/repo");
        logs = new LogCapture();
        source = newSource(5);
    }

    @AfterEach
    void tearDown() {
        if (source != null) {
            source.close();
        }
        if (alice != null) {
            alice.close();
        }
        logs.close();
    }

    GitDocumentSource newSource(int pushRetries) {
        GitConfig git = GitFixture.gitConfig(remoteUrl, workdir, pushRetries);
        return new GitDocumentSource(GitFixture.sourceConfig(git, "postmortems"), clock, sleeper);
    }

    Person alice() throws Exception {
        if (alice == null) {
            alice = new Person("Alice", remoteUrl, tmp.resolve("alice"));
        }
        return alice;
    }

    String remoteFile(String path) throws Exception {
        try (Person reader = new Person("Reader", remoteUrl, tmp.resolve("reader-" + System.nanoTime()))) {
            return reader.read(path);
        }
    }

    // --- refresh --------------------------------------------------------------------------

    @Test
    void firstRefreshClonesAndListsTheMatchingDocumentsWithTheirBlobIds() throws Exception {
        List<DocumentRef> documents = source.refresh();

        // Sorted by path as strings ('-' sorts before '/').
        assertThat(documents)
                .containsExactly(
                        new DocumentRef(PAYMENTS, GitFixture.blobId(bare, "postmortems/" + PAYMENTS)),
                        new DocumentRef(LOGIN, GitFixture.blobId(bare, "postmortems/" + LOGIN)));
        assertThat(workdir.resolve(".git")).isDirectory();
        assertThat(source.read(PAYMENTS)).isEqualTo(Files.readAllBytes(workdir.resolve("postmortems/" + PAYMENTS)));
        assertThat(logs.at(Level.INFO, "io.postmortemsync")).anyMatch(m -> m.startsWith("Cloning " + remoteUrl));
    }

    @Test
    void aRestartedDaemonReusesItsCloneAndFetchesWhatWasPushedMeanwhile() throws Exception {
        source.refresh();
        source.close();
        alice().write("postmortems/2025-05-01-dns.md", "# DNS\n").commitAndPush("Pushed while the daemon was down");
        source = newSource(5);

        List<DocumentRef> documents = source.refresh();

        assertThat(documents).extracting(DocumentRef::path).containsExactly(PAYMENTS, "2025-05-01-dns.md", LOGIN);
        assertThat(logs.at(Level.INFO, "io.postmortemsync")).anyMatch(m -> m.startsWith("Reusing the clone"));
        assertThat(tmp.resolve("state"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().contains("moved-aside"));
    }

    @Test
    void aDocumentPushedByAPersonIsListedByTheNextRefresh() throws Exception {
        source.refresh();
        alice().write(
                        "postmortems/2025-05-01-dns.md",
                        postmortem("DNS", new String[] {"Add a second resolver", "Not Started"}))
                .commitAndPush("Add the DNS postmortem");

        List<DocumentRef> documents = source.refresh();

        assertThat(documents).extracting(DocumentRef::path).containsExactly(PAYMENTS, "2025-05-01-dns.md", LOGIN);
        assertThat(new String(source.read("2025-05-01-dns.md"), UTF_8)).contains("Add a second resolver");
    }

    @Test
    void versionsChangeExactlyForTheDocumentsThatChanged() throws Exception {
        Map<String, String> before = versions(source.refresh());
        alice().replace("postmortems/" + LOGIN, "In Progress", "Completed").commitAndPush("Login item done");

        Map<String, String> after = versions(source.refresh());

        assertThat(after.get(PAYMENTS)).isEqualTo(before.get(PAYMENTS));
        assertThat(after.get(LOGIN))
                .isNotEqualTo(before.get(LOGIN))
                .isEqualTo(GitFixture.blobId(bare, "postmortems/" + LOGIN));
    }

    @Test
    void renamedAndDeletedDocumentsAreFollowedBetweenRefreshes() throws Exception {
        Map<String, String> before = versions(source.refresh());
        alice().rename("postmortems/" + PAYMENTS, "postmortems/2025/" + PAYMENTS)
                .delete("postmortems/" + LOGIN)
                .commitAndPush("Move payments into 2025, drop login");

        Map<String, String> after = versions(source.refresh());

        // Same content, same version: the renamed document keeps its ticket keys and its parse.
        assertThat(after).containsOnlyKeys("2025/" + PAYMENTS);
        assertThat(after.get("2025/" + PAYMENTS)).isEqualTo(before.get(PAYMENTS));
        assertThat(workdir.resolve("postmortems/" + LOGIN)).doesNotExist();
    }

    @Test
    void aMissingSourceFolderIsAClearErrorNotAnEmptyListing() throws Exception {
        GitConfig git = GitFixture.gitConfig(remoteUrl, workdir, 5);
        source = new GitDocumentSource(GitFixture.sourceConfig(git, "incidents"), clock, sleeper);

        assertThatThrownBy(source::refresh)
                .isInstanceOf(SourceException.class)
                .hasMessage("source.path incidents does not exist on branch main of " + remoteUrl);
    }

    // --- update and publish ---------------------------------------------------------------

    @Test
    void oneCommitByTheConfiguredAuthorListsEveryChangeAndIsPushed() throws Exception {
        RevCommit before = GitFixture.head(bare);
        source.refresh();

        UpdateResult status = source.update(
                PAYMENTS,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-123: Not Started -> In Progress"));
        UpdateResult ticket = source.update(
                PAYMENTS,
                setCell("Add pool monitoring", "Ticket", "[OPS-124](https://jira.example.com/browse/OPS-124)"),
                List.of("OPS-124: ticket added"));
        UpdateResult login = source.update(
                LOGIN,
                setCell("Load-test the login path", "Status", "Completed"),
                List.of("OPS-7: In Progress -> Completed"));
        PublishResult published = source.publish();

        assertThat(status).isInstanceOf(UpdateResult.Written.class);
        assertThat(ticket).isInstanceOf(UpdateResult.Written.class);
        assertThat(login).isInstanceOf(UpdateResult.Written.class);
        List<RevCommit> history = GitFixture.log(bare);
        RevCommit commit = history.get(0);
        assertThat(history).hasSize(2);
        assertThat(commit.getParents()).containsExactly(before);
        assertThat(published).isEqualTo(new PublishResult.Published(commit.name(), 2, List.of()));
        assertThat(commit.getFullMessage()).isEqualTo("""
                postmortem-sync: write back 3 changes to 2 postmortems

                OPS-123: Not Started -> In Progress (postmortems/2025-04-10-payments.md)
                OPS-124: ticket added (postmortems/2025-04-10-payments.md)
                OPS-7: In Progress -> Completed (postmortems/2025/2025-02-01-login.md)
                """);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("postmortem-sync");
        assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("postmortem-sync@example.com");
        assertThat(commit.getCommitterIdent().getName()).isEqualTo("postmortem-sync");
        assertThat(commit.getAuthorIdent().getWhenAsInstant()).isEqualTo(NOW);

        alice().pull();
        assertThat(alice().read("postmortems/" + PAYMENTS))
                .isEqualTo(postmortem(
                        "Payment service errors", new String[] {"Increase pool size", "In Progress"}, new String[] {
                            "Add pool monitoring", "Not Started", "[OPS-124](https://jira.example.com/browse/OPS-124)"
                        }));
        assertThat(alice().read("postmortems/" + LOGIN))
                .contains("| Load-test the login path | Prevent | @alice | 2025-04-15 | Completed | OPS-7 |");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void writtenVersionIsTheBlobIdTheNextRefreshReports() throws Exception {
        source.refresh();
        UpdateResult.Written written = (UpdateResult.Written) source.update(
                PAYMENTS,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-123: Not Started -> In Progress"));
        source.publish();

        assertThat(versions(source.refresh())).containsEntry(PAYMENTS, written.version());
    }

    @Test
    void aPassWithoutChangesMakesNoCommit() throws Exception {
        RevCommit before = GitFixture.head(bare);
        source.refresh();
        UpdateResult same = source.update(
                LOGIN,
                setCell("Load-test the login path", "Status", "In Progress"),
                List.of("OPS-7: In Progress -> In Progress"));

        PublishResult result = source.publish();

        assertThat(same).isEqualTo(new UpdateResult.Unchanged(LOGIN));
        assertThat(result).isEqualTo(new PublishResult.NothingToPublish());
        assertThat(GitFixture.head(bare)).isEqualTo(before);
        assertThat(source.publish()).isEqualTo(new PublishResult.NothingToPublish());
    }

    @Test
    void anEditThatNoLongerAppliesIsRejectedAndNothingIsWritten() throws Exception {
        source.refresh();
        byte[] before = source.read(PAYMENTS);

        UpdateResult result =
                source.update(PAYMENTS, setCell("No such action", "Status", "Completed"), List.of("OPS-9: x"));

        assertThat(result)
                .isEqualTo(new UpdateResult.Rejected(PAYMENTS, "no action item \"No such action\" in the document"));
        assertThat(source.read(PAYMENTS)).isEqualTo(before);
        assertThat(source.publish()).isInstanceOf(PublishResult.NothingToPublish.class);
    }

    @Test
    void anUpdateReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        source.refresh();
        Path file = workdir.resolve("postmortems/" + PAYMENTS);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        source.update(
                PAYMENTS,
                setCell("Increase pool size", "Status", "Deferred"),
                List.of("OPS-123: Not Started -> Deferred"));

        assertThat(Files.readString(file))
                .contains("| Increase pool size | Prevent | @alice | 2025-04-15 | Deferred |");
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("pmsync-tmp"));
        }
    }

    @Test
    void pathsOutsideTheSourceFolderAreRefused() throws Exception {
        source.refresh();

        assertThatThrownBy(() -> source.read("../README.md")).hasMessageContaining("not a document path");
        assertThatThrownBy(() -> source.read("../.git/config")).hasMessageContaining("not a document path");
        assertThatThrownBy(() -> source.update("/etc/passwd", c -> c, List.of()))
                .hasMessageContaining("not a document path");
    }

    // --- concurrent changes by people -----------------------------------------------------

    @Test
    void aPersonsPushToAnotherRowMeanwhileIsKeptAndTheWriteBackIsPushedOnTop() throws Exception {
        source.refresh();
        source.update(
                PAYMENTS,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-123: Not Started -> In Progress"));
        RevCommit theirs = alice().replace(
                        "postmortems/" + PAYMENTS,
                        "| Add pool monitoring | Prevent | @alice",
                        "| Add pool monitoring | Detect | @bob")
                .commitAndPush("Bob owns monitoring");

        PublishResult result = source.publish();

        List<RevCommit> history = GitFixture.log(bare);
        assertThat(history).hasSize(3);
        RevCommit ours = history.get(0);
        assertThat(ours.getParents()).containsExactly(theirs); // linear: on top of the person's commit
        assertThat(history.get(1)).isEqualTo(theirs);
        assertThat(result).isEqualTo(new PublishResult.Published(ours.name(), 1, List.of()));
        assertThat(remoteFile("postmortems/" + PAYMENTS))
                .contains("| Increase pool size | Prevent | @alice | 2025-04-15 | In Progress |")
                .contains("| Add pool monitoring | Detect | @bob | 2025-04-15 | Not Started |");
        assertThat(ours.getFullMessage())
                .contains("OPS-123: Not Started -> In Progress (postmortems/2025-04-10-payments.md)");
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250));
        assertThat(logs.at(Level.INFO, "io.postmortemsync"))
                .anyMatch(m -> m.contains("was also changed by commit "
                        + theirs.abbreviate(8).name() + " by Alice; the write-back was applied again on top of it"));
    }

    @Test
    void whenAPersonChangedTheSameCellTheTrackersValueWinsAndTheLogSaysSo() throws Exception {
        source.refresh();
        source.update(
                PAYMENTS,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-123: Not Started -> In Progress"));
        RevCommit theirs = alice().replace(
                        "postmortems/" + PAYMENTS,
                        "| Increase pool size | Prevent | @alice | 2025-04-15 | Not Started",
                        "| Increase pool size | Prevent | @alice | 2025-04-15 | Completed")
                .commitAndPush("Done, I think");

        PublishResult result = source.publish();

        assertThat(result).isInstanceOf(PublishResult.Published.class);
        assertThat(remoteFile("postmortems/" + PAYMENTS))
                .contains("| Increase pool size | Prevent | @alice | 2025-04-15 | In Progress |");
        assertThat(GitFixture.log(bare).get(1)).isEqualTo(theirs); // their commit stays in history
        assertThat(logs.at(Level.WARN, "io.postmortemsync"))
                .containsExactly(
                        "postmortems/2025-04-10-payments.md line(s) 6 were changed by commit "
                                + theirs.abbreviate(8).name()
                                + " by Alice and are written back again: the tracker's value wins (OPS-123: Not Started -> In Progress)");
    }

    @Test
    void anEditThatCannotBeAppliedToThePersonsVersionIsReportedNotDropped() throws Exception {
        source.refresh();
        source.update(
                PAYMENTS,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-123: Not Started -> In Progress"));
        source.update(
                PAYMENTS,
                setCell("Add pool monitoring", "Status", "Completed"),
                List.of("OPS-124: Not Started -> Completed"));
        alice().replace(
                        "postmortems/" + PAYMENTS,
                        "| Increase pool size | Prevent | @alice | 2025-04-15 | Not Started |  |\n",
                        "")
                .commitAndPush("That item was a duplicate");

        PublishResult result = source.publish();

        assertThat(result).isInstanceOf(PublishResult.Published.class);
        assertThat(result.rejected())
                .containsExactly(new UpdateResult.Rejected(
                        PAYMENTS,
                        "could not be applied again after a concurrent change (no action item \"Increase pool size\" in the document); "
                                + "dropped: OPS-123: Not Started -> In Progress"));
        String remote = remoteFile("postmortems/" + PAYMENTS);
        assertThat(remote)
                .doesNotContain("Increase pool size")
                .contains("| Add pool monitoring | Prevent | @alice | 2025-04-15 | Completed |");
        assertThat(GitFixture.log(bare).get(0).getFullMessage())
                .contains("OPS-124: Not Started -> Completed")
                .doesNotContain("OPS-123");
        // Exactly the rejection: the other row moved up a line, which is no conflict.
        assertThat(logs.at(Level.WARN, "io.postmortemsync"))
                .singleElement()
                .asString()
                .startsWith(
                        "Write-back to postmortems/2025-04-10-payments.md could not be applied again after a concurrent change");
    }

    @Test
    void aDocumentDeletedMeanwhileRejectsItsWriteBacksAndStaysDeleted() throws Exception {
        source.refresh();
        source.update(
                LOGIN,
                setCell("Load-test the login path", "Status", "Completed"),
                List.of("OPS-7: In Progress -> Completed"));
        alice().delete("postmortems/" + LOGIN).commitAndPush("Not a real incident");
        RevCommit theirs = GitFixture.head(bare);

        PublishResult result = source.publish();

        assertThat(result)
                .isEqualTo(new PublishResult.NothingToPublish(List.of(new UpdateResult.Rejected(
                        LOGIN,
                        "could not be applied again after a concurrent change (the document was deleted by a concurrent commit); "
                                + "dropped: OPS-7: In Progress -> Completed"))));
        assertThat(GitFixture.head(bare)).isEqualTo(theirs);
        assertThat(GitFixture.blobId(bare, "postmortems/" + LOGIN)).isNull();
    }

    @Test
    void aDocumentRenamedMeanwhileGetsItsWriteBackAtTheNewPath() throws Exception {
        source.refresh();
        source.update(
                PAYMENTS,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-123: Not Started -> In Progress"));
        alice().rename("postmortems/" + PAYMENTS, "postmortems/2025/" + PAYMENTS)
                .commitAndPush("File payments under 2025");

        PublishResult result = source.publish();

        assertThat(result).isInstanceOf(PublishResult.Published.class);
        assertThat(result.rejected()).isEmpty();
        assertThat(remoteFile("postmortems/2025/" + PAYMENTS))
                .contains("| Increase pool size | Prevent | @alice | 2025-04-15 | In Progress |");
        assertThat(GitFixture.blobId(bare, "postmortems/" + PAYMENTS)).isNull();
        assertThat(GitFixture.log(bare).get(0).getFullMessage())
                .contains("OPS-123: Not Started -> In Progress (postmortems/2025/2025-04-10-payments.md)");
    }

    // --- failures -------------------------------------------------------------------------

    @Test
    void anUnreachableRemoteFailsThePassClearlyAndTheNextPassRecovers() throws Exception {
        source.refresh();
        Path away = tmp.resolve("remote-away.git");
        Files.move(bare, away);

        assertThatThrownBy(source::refresh)
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot fetch from " + remoteUrl + ": no git repository there");

        Files.move(away, bare);
        alice().write("postmortems/after.md", "# after\n").commitAndPush("after the outage");
        assertThat(source.refresh()).extracting(DocumentRef::path).contains("after.md");
    }

    @Test
    void aWriteBackThatCouldNotBePushedIsKeptAcrossTheOutage() throws Exception {
        source.refresh();
        source.update(
                PAYMENTS,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-123: Not Started -> In Progress"));
        Path away = tmp.resolve("remote-away.git");
        Files.move(bare, away);

        assertThatThrownBy(source::publish)
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot push to " + remoteUrl);

        Files.move(away, bare);
        Map<String, String> versions = versions(source.refresh());
        assertThat(versions.get(PAYMENTS)).isNotEqualTo(GitFixture.blobId(bare, "postmortems/" + PAYMENTS));
        assertThat(source.publish()).isInstanceOf(PublishResult.Published.class);
        assertThat(remoteFile("postmortems/" + PAYMENTS))
                .contains("| Increase pool size | Prevent | @alice | 2025-04-15 | In Progress |");
        assertThat(GitFixture.log(bare)).hasSize(2);
    }

    @Test
    void aMissingBranchIsNamed() throws Exception {
        GitConfig git = new GitConfig(
                remoteUrl,
                "production",
                null,
                null,
                null,
                null,
                new GitConfig.Author("postmortem-sync", "postmortem-sync@example.com"),
                workdir,
                5);
        source = new GitDocumentSource(GitFixture.sourceConfig(git, "postmortems"), clock, sleeper);

        assertThatThrownBy(source::refresh)
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("branch production does not exist in " + remoteUrl);
        assertThat(workdir).isEmptyDirectory(); // the failed clone left nothing behind
    }

    // --- the workdir ----------------------------------------------------------------------

    @Test
    void aCorruptedCloneIsMovedAsideAndClonedAgain() throws Exception {
        source.refresh();
        source.close();
        Files.writeString(workdir.resolve(".git/HEAD"), "garbage\n");
        source = newSource(5);

        List<DocumentRef> documents = source.refresh();

        assertThat(documents).extracting(DocumentRef::path).containsExactly(PAYMENTS, LOGIN);
        Path aside = tmp.resolve("state/repo.moved-aside-20250416T093000Z");
        assertThat(aside.resolve(".git/HEAD")).hasContent("garbage");
        assertThat(logs.at(Level.WARN, "io.postmortemsync"))
                .anyMatch(m ->
                        m.startsWith("The clone in " + workdir + " is unusable") && m.contains("moved it to " + aside));
    }

    @Test
    void aCloneThatBreaksWhileRunningIsReplacedAndAFailedReplacementIsRetriedNextPass() throws Exception {
        source.refresh();
        try (Stream<Path> files = Files.walk(workdir.resolve(".git"))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file); // someone "cleaned up" the volume under the running daemon
            }
        }
        alice().write("postmortems/new.md", "# new\n").commitAndPush("new");
        Path away = tmp.resolve("remote-away.git");
        Files.move(bare, away);

        // The broken clone is moved aside at once; cloning again fails while the remote is away.
        assertThatThrownBy(source::refresh)
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot clone " + remoteUrl + ": no git repository there");

        Files.move(away, bare);
        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(PAYMENTS, LOGIN, "new.md");
        assertThat(tmp.resolve("state/repo.moved-aside-20250416T093000Z")).isDirectory();
    }

    @Test
    void aCloneWithMissingObjectsIsNotTrusted() throws Exception {
        source.refresh();
        source.close();
        try (Stream<Path> objects = Files.walk(workdir.resolve(".git/objects"))) {
            for (Path file : objects.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
        source = newSource(5);

        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(PAYMENTS, LOGIN);
        assertThat(tmp.resolve("state/repo.moved-aside-20250416T093000Z")).isDirectory();
    }

    @Test
    void aForeignFolderOrAnotherRepositorysCloneIsMovedAsideNotDeleted() throws Exception {
        Files.createDirectories(workdir);
        Files.writeString(workdir.resolve("important.txt"), "someone's notes\n");

        assertThat(source.refresh()).hasSize(2);
        assertThat(tmp.resolve("state/repo.moved-aside-20250416T093000Z/important.txt"))
                .hasContent("someone's notes");

        source.close();
        Path other = GitFixture.bareRepository(tmp.resolve("other"), Map.of("postmortems/x.md", "# x\n"));
        GitConfig git = GitFixture.gitConfig(GitFixture.url(other), workdir, 5);
        source = new GitDocumentSource(GitFixture.sourceConfig(git, "postmortems"), clock, sleeper);

        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly("x.md");
        assertThat(tmp.resolve("state/repo.moved-aside-20250416T093000Z-1/.git"))
                .isDirectory();
        assertThat(logs.at(Level.WARN, "io.postmortemsync")).anyMatch(m -> m.contains("it is a clone of " + remoteUrl));
    }

    @Test
    void staleLockFilesFromAKilledProcessDoNotBlockTheNextStart() throws Exception {
        source.refresh();
        source.close();
        Files.writeString(workdir.resolve(".git/index.lock"), "");
        Files.writeString(workdir.resolve(".git/refs/heads/main.lock"), "");
        source = newSource(5);
        alice().replace("postmortems/" + LOGIN, "In Progress", "Completed").commitAndPush("done");

        source.refresh();
        source.update(
                PAYMENTS,
                setCell("Increase pool size", "Status", "In Progress"),
                List.of("OPS-123: Not Started -> In Progress"));

        assertThat(source.publish()).isInstanceOf(PublishResult.Published.class);
        assertThat(sleeper.waits).isEmpty(); // the refresh fetched the person's commit: no rejected push
        assertThat(remoteFile("postmortems/" + LOGIN)).contains("Completed");
        assertThat(tmp.resolve("state"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().contains("moved-aside"));
    }

    // --- small things ---------------------------------------------------------------------

    @Test
    void linksFillInBranchAndPath() {
        assertThat(source.linkFor("2025/a b.md"))
                .contains("https://git.example.com/acme/postmortems/blob/main/postmortems/2025/a%20b.md");
        assertThat(source.describe()).isEqualTo("git " + remoteUrl + " (branch main, folder postmortems/)");
    }

    @Test
    void theWholeRepositoryCanBeTheSourceFolder() throws Exception {
        GitConfig git = GitFixture.gitConfig(remoteUrl, workdir, 5);
        source = new GitDocumentSource(GitFixture.sourceConfig(git, "."), clock, sleeper);

        assertThat(source.refresh())
                .extracting(DocumentRef::path)
                .containsExactly("README.md", "postmortems/" + PAYMENTS, "postmortems/" + LOGIN);
    }

    static Map<String, String> versions(List<DocumentRef> documents) {
        Map<String, String> versions = new LinkedHashMap<>();
        documents.forEach(d -> versions.put(d.path(), d.version()));
        return versions;
    }
}
