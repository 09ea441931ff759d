package io.postmortemsync.source.git;

import static io.postmortemsync.doctor.CheckResult.Status.FAIL;
import static io.postmortemsync.doctor.CheckResult.Status.PASS;
import static io.postmortemsync.doctor.CheckResult.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.config.GitConfig;
import io.postmortemsync.config.Secret;
import io.postmortemsync.doctor.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDoctorTest {

    static final String TOKEN = "glpat-DoctorMustNeverPrintThis";

    @TempDir
    Path tmp;

    Path bare;
    Repository served;
    SmartHttpGitServer http;
    Path workdir;

    @BeforeEach
    void setUp() throws Exception {
        bare = GitFixture.bareRepository(tmp, Map.of("postmortems/a.md", "# A\n"));
        served = new FileRepositoryBuilder()
                .setGitDir(bare.toFile())
                .setMustExist(true)
                .build();
        http = new SmartHttpGitServer(served, "oauth2", TOKEN);
        workdir = tmp.resolve("state/repo");
    }

    @AfterEach
    void tearDown() {
        http.close();
        served.close();
    }

    List<CheckResult> doctor(String url, String branch, String password, Path key, Path knownHosts) {
        GitConfig git = new GitConfig(
                url,
                branch,
                "oauth2",
                password == null ? null : Secret.of(password),
                key,
                knownHosts,
                new GitConfig.Author("postmortem-sync", "postmortem-sync@example.com"),
                workdir,
                3);
        return new GitDoctor(GitFixture.sourceConfig(git, "postmortems")).run();
    }

    @Test
    void aGoodConfigurationPassesEveryCheckAndChangesNothing() throws Exception {
        RevCommit head = GitFixture.head(bare);

        List<CheckResult> checks = doctor(http.url(), "main", TOKEN, null, null);

        assertThat(checks)
                .extracting(CheckResult::name, CheckResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("git workdir", PASS),
                        org.assertj.core.groups.Tuple.tuple("git remote", PASS),
                        org.assertj.core.groups.Tuple.tuple("git branch", PASS),
                        org.assertj.core.groups.Tuple.tuple("git push permission", PASS));
        assertThat(checks.get(1).detail())
                .isEqualTo(http.url() + " is reachable and accepts the credentials; it has 1 branch(es)");
        assertThat(checks.get(2).detail())
                .isEqualTo("branch main is at " + head.abbreviate(8).name());
        assertThat(workdir).doesNotExist();
        assertThat(GitFixture.head(bare)).isEqualTo(head);
        assertThat(http.pushesReceived()).isZero();
    }

    @Test
    void aRejectedTokenFailsTheRemoteCheckWithoutShowingIt() {
        List<CheckResult> checks = doctor(http.url(), "main", "glpat-wrong-" + TOKEN, null, null);

        CheckResult remote = checks.get(1);
        assertThat(remote.status()).isEqualTo(FAIL);
        assertThat(remote.detail())
                .isEqualTo(
                        "cannot reach " + http.url()
                                + ": the server rejected the credentials; check source.git.username and source.git.password (or the file named by passwordFile)");
        assertThat(remote.fix()).startsWith("set source.git.password");
        assertThat(checks)
                .extracting(CheckResult::name, CheckResult::status)
                .endsWith(
                        org.assertj.core.groups.Tuple.tuple("git branch", WARN),
                        org.assertj.core.groups.Tuple.tuple("git push permission", WARN));
        assertThat(checks.toString()).doesNotContain(TOKEN);
    }

    @Test
    void readOnlyCredentialsFailThePushCheck() {
        http.allowReceive(false);

        List<CheckResult> checks = doctor(http.url(), "main", TOKEN, null, null);

        CheckResult push = checks.get(3);
        assertThat(push.status()).isEqualTo(FAIL);
        assertThat(push.detail())
                .startsWith("cannot open a push session with " + http.url() + ": the server refused access");
        assertThat(push.fix()).startsWith("give the credentials write access");
    }

    @Test
    void aMissingBranchIsNamedWithTheBranchesThatExist() {
        List<CheckResult> checks = doctor(GitFixture.url(bare), "production", null, null, null);

        assertThat(checks.get(2))
                .isEqualTo(CheckResult.fail(
                        "git branch",
                        "branch production does not exist in " + GitFixture.url(bare) + " (it has: main)",
                        "set source.git.branch to the branch that holds the postmortems"));
    }

    @Test
    void anUnreachableRemoteFailsAndSkipsTheChecksThatNeedIt() {
        String url = http.url();
        http.stop();

        List<CheckResult> checks = doctor(url, "main", TOKEN, null, null);

        assertThat(checks.get(1).status()).isEqualTo(FAIL);
        assertThat(checks.get(1).detail()).startsWith("cannot reach " + url + ": the server is unreachable (");
        assertThat(checks.get(1).fix()).contains("DNS");
    }

    @Test
    void aWorkdirHoldingSomethingElseIsAWarningThatItWillBeMovedAside() throws Exception {
        Files.createDirectories(workdir);
        Files.writeString(workdir.resolve("notes.txt"), "not a clone\n");

        CheckResult check =
                doctor(GitFixture.url(bare), "main", null, null, null).get(0);

        assertThat(check.status()).isEqualTo(WARN);
        assertThat(check.detail())
                .isEqualTo(workdir + " cannot be used as it is (it holds files but no git clone); "
                        + "the daemon will move it aside (renamed, not deleted) and clone again");
        assertThat(workdir.resolve("notes.txt")).exists();
    }

    @Test
    void aWorkdirThatCannotBeCreatedFails() throws Exception {
        Files.writeString(tmp.resolve("state"), "a file where a folder should be\n");

        CheckResult check =
                doctor(GitFixture.url(bare), "main", null, null, null).get(0);

        assertThat(check.status()).isEqualTo(FAIL);
        assertThat(check.detail())
                .isEqualTo("cannot create " + workdir + ": " + tmp.resolve("state") + " is not a folder");
    }

    @Test
    void anExistingCloneIsRecognised() throws Exception {
        try (GitDocumentSource source = new GitDocumentSource(
                GitFixture.sourceConfig(GitFixture.gitConfig(GitFixture.url(bare), workdir, 3), "postmortems"))) {
            source.refresh();
        }

        CheckResult check =
                doctor(GitFixture.url(bare), "main", null, null, null).get(0);

        assertThat(check)
                .isEqualTo(CheckResult.pass(
                        "git workdir", workdir + " holds a clone of " + GitFixture.url(bare) + " (branch main)"));
    }

    @Test
    void overSshTheKnownHostsFileMustListTheServer() throws Exception {
        try (SshGitServer ssh = new SshGitServer(served)) {
            Path key = ssh.writeClientKey(tmp.resolve("id_ecdsa"));
            Path empty = tmp.resolve("known_hosts_empty");
            Files.writeString(empty, "");
            Path good = tmp.resolve("known_hosts");
            Files.writeString(good, ssh.knownHostsLine() + "\n");

            List<CheckResult> bad = doctor(ssh.url(), "main", null, key, empty);
            List<CheckResult> fine = doctor(ssh.url(), "main", null, key, good);

            assertThat(bad.get(1).status()).isEqualTo(FAIL);
            assertThat(bad.get(1).detail())
                    .isEqualTo(empty + " has no host key for [127.0.0.1]:"
                            + ssh.url().replaceAll(".*:(\\d+)/.*", "$1"));
            assertThat(bad.get(2).detail()).contains("the server's ssh host key is not listed in " + empty);
            assertThat(empty).hasContent("");
            assertThat(fine).extracting(CheckResult::status).containsOnly(PASS);
            assertThat(fine)
                    .extracting(CheckResult::name)
                    .containsExactly(
                            "git workdir",
                            "git ssh key and known_hosts",
                            "git remote",
                            "git branch",
                            "git push permission");
        }
    }
}
