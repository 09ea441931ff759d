package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** source.type git and the source.git block of issue 6. */
class GitSourceConfigTest {

    @TempDir
    Path dir;

    private ConfigFiles files() {
        return new ConfigFiles(dir);
    }

    @Test
    void aGitSourceNeedsOnlyAUrl() {
        Config config = files().load("""
                source:
                  type: git
                  git:
                    url: file:///srv/git/postmortems.git
                """);
        SourceConfig source = config.source();
        assertThat(source.type()).isEqualTo(SourceConfig.SourceType.GIT);
        // The documents folder is inside the clone, not next to the configuration file.
        assertThat(source.path()).isEqualTo(Path.of("postmortems"));
        GitConfig git = source.git();
        assertThat(git.url()).isEqualTo("file:///srv/git/postmortems.git");
        assertThat(git.branch()).isEqualTo("main");
        assertThat(git.pushRetries()).isEqualTo(5);
        assertThat(git.author()).isEqualTo(new GitConfig.Author("postmortem-sync", "postmortem-sync@localhost"));
        assertThat(git.workdir().isAbsolute()).isTrue();
        assertThat(git.workdir()
                        .startsWith(
                                Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()))
                .isTrue();
        assertThat(git.username()).isNull();
        assertThat(git.password()).isNull();
        assertThat(git.sshKeyFile()).isNull();
        assertThat(git.knownHostsFile()).isNull();
    }

    @Test
    void theDefaultWorkdirDiffersPerRepositoryAndBranch() {
        assertThat(GitSettings.defaultWorkdir("https://a.example/x.git", "main"))
                .isEqualTo(GitSettings.defaultWorkdir("https://token@a.example/x.git", "main"))
                .isNotEqualTo(GitSettings.defaultWorkdir("https://a.example/y.git", "main"))
                .isNotEqualTo(GitSettings.defaultWorkdir("https://a.example/x.git", "dev"));
    }

    @Test
    void everyGitKeyIsReadAndPathsResolveAgainstTheConfigFolder() throws IOException {
        Files.createDirectories(dir.resolve("ssh"));
        Files.writeString(dir.resolve("ssh/id_ed25519"), "key");
        Files.writeString(dir.resolve("ssh/known_hosts"), "git.example.com ssh-ed25519 AAAA");
        Config config = files().load("""
                source:
                  type: git
                  path: ./docs/postmortems/
                  linkTemplate: "https://git.example.com/acme/pm/blob/{branch}/{path}"
                  git:
                    url: git@git.example.com:acme/postmortems.git
                    branch: release/2025
                    sshKeyFile: ssh/id_ed25519
                    knownHostsFile: ssh/known_hosts
                    author: {name: PM Bot, email: pm-bot@example.com}
                    workdir: state/repo
                    pushRetries: 0
                """);
        GitConfig git = config.source().git();
        assertThat(config.source().path()).isEqualTo(Path.of("docs/postmortems"));
        assertThat(config.source().linkTemplate()).isEqualTo("https://git.example.com/acme/pm/blob/{branch}/{path}");
        assertThat(git.branch()).isEqualTo("release/2025");
        assertThat(git.sshKeyFile()).isEqualTo(dir.resolve("ssh/id_ed25519"));
        assertThat(git.knownHostsFile()).isEqualTo(dir.resolve("ssh/known_hosts"));
        assertThat(git.author()).isEqualTo(new GitConfig.Author("PM Bot", "pm-bot@example.com"));
        assertThat(git.workdir()).isEqualTo(dir.resolve("state/repo"));
        assertThat(git.pushRetries()).isZero();
    }

    @Test
    void theRepositoryRootIsDotAndPathsMayNotLeaveTheClone() {
        String yaml = "source:\n  type: git\n  path: %s\n  git: {url: \"file:///srv/pm.git\"}\n";
        assertThat(files().load(yaml.formatted(".")).source().path()).isEqualTo(Path.of("."));
        assertThat(files().messages(yaml.formatted("../etc")))
                .containsExactly(
                        "/source/path must be a folder inside the git repository, like postmortems or . for its root (got \"../etc\")");
        assertThat(files().messages(yaml.formatted("/abs/pm")))
                .containsExactly(
                        "/source/path must be a folder inside the git repository, like postmortems or . for its root (got \"/abs/pm\")");
    }

    @Test
    void aGitSourceWithoutUrlIsAnError() {
        assertThat(files().messages("source:\n  type: git\n"))
                .containsExactly(
                        "/source/git/url is required when /source/type is git, e.g. https://git.example.com/acme/postmortems.git");
    }

    @Test
    void anUnknownKindOfUrlIsRefusedWithoutEchoingCredentials() {
        assertThat(files().messages("source:\n  type: git\n  git: {url: \"svn://me:s3cret@host/repo\"}\n"))
                .containsExactly(
                        "/source/git/url must be an https://, ssh:// (or user@host:path) or file:// URL (got \"svn://host/repo\")");
        assertThat(files().messages("source:\n  type: git\n  git: {url: ../relative/repo}\n"))
                .containsExactly(
                        "/source/git/url must be an https://, ssh:// (or user@host:path) or file:// URL (got \"../relative/repo\")");
    }

    @Test
    void anSshUrlNeedsAKeyAndKnownHostsBecauseTheHostKeyIsAlwaysVerified() {
        assertThat(files().messages("source:\n  type: git\n  git: {url: \"ssh://git@git.example.com/acme/pm.git\"}\n"))
                .containsExactly(
                        "/source/git/sshKeyFile is required for an ssh URL (the private key the daemon pushes with)",
                        "/source/git/knownHostsFile is required for an ssh URL: the server's host key is always verified"
                                + " (create it with: ssh-keyscan HOST > known_hosts)");
    }

    @Test
    void sshKeyFilesMustBeReadable() throws IOException {
        Files.writeString(dir.resolve("id"), "key");
        assertThat(files().messages("""
                source:
                  type: git
                  git: {url: "git@host:a/b.git", sshKeyFile: id, knownHostsFile: nope}
                """))
                .containsExactly("/source/git/knownHostsFile names " + dir.resolve("nope")
                        + ", which cannot be read (no such file)");
    }

    @Test
    void httpsCredentialsComeInPairsAndNeverOverPlainHttp() {
        assertThat(files().messages("source:\n  type: git\n  git: {url: \"https://h/r.git\", password: tok}\n"))
                .containsExactly(
                        "/source/git gives a password but no username (for a token: GitHub takes x-access-token, GitLab oauth2)");
        assertThat(files().messages("source:\n  type: git\n  git: {url: \"https://h/r.git\", username: me}\n"))
                .containsExactly("/source/git gives a username but no password or passwordFile");
        assertThat(
                        files().messages(
                                        "source:\n  type: git\n  git: {url: \"http://h/r.git\", username: me, password: tok}\n"))
                .containsExactly("/source/git would send the password unencrypted over http://: use https://"
                        + " (plain http is accepted for localhost only)");
        assertThat(files().load(
                                "source:\n  type: git\n  git: {url: \"http://localhost:8080/r.git\", username: me, password: tok}\n")
                        .source()
                        .git()
                        .url())
                .isEqualTo("http://localhost:8080/r.git");
        Config ok =
                files().load("source:\n  type: git\n  git: {url: \"https://h/r.git\", username: me, password: tok}\n");
        assertThat(ok.source().git().password().reveal()).isEqualTo("tok");
    }

    @Test
    void credentialsOfAnotherTransportAreErrors() throws IOException {
        Files.writeString(dir.resolve("id"), "key");
        assertThat(files().messages("source:\n  type: git\n  git: {url: \"https://h/r.git\", sshKeyFile: id}\n"))
                .containsExactly(
                        "/source/git/sshKeyFile is only used with ssh URLs; an https URL authenticates with username and password");
        assertThat(
                        files().messages(
                                        "source:\n  type: git\n  git: {url: \"file:///srv/r.git\", username: me, password: p}\n"))
                .containsExactly("/source/git gives credentials, which a file:// URL does not use");
    }

    @Test
    void branchAuthorAndRetriesAreChecked() {
        assertThat(files().messages("""
                source:
                  type: git
                  git:
                    url: file:///srv/r.git
                    branch: "bad..name"
                    author: {name: "Bot <bot>", mail: x}
                    pushRetries: 101
                """))
                .containsExactly(
                        "/source/git/branch is not a valid branch name (got \"bad..name\")",
                        "/source/git/author/name must not contain <, > or line breaks (got \"Bot <bot>\")",
                        "/source/git/author/mail is not a known key (did you mean email?)",
                        "/source/git/pushRetries must be a whole number from 0 to 100 (got \"101\")");
    }
}
