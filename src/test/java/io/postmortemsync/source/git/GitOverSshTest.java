package io.postmortemsync.source.git;

import static io.postmortemsync.source.git.TableEdits.postmortem;
import static io.postmortemsync.source.git.TableEdits.setCell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.postmortemsync.config.GitConfig;
import io.postmortemsync.source.DocumentSource.DocumentRef;
import io.postmortemsync.source.DocumentSource.PublishResult;
import io.postmortemsync.source.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh against a real ssh server (Apache MINA sshd running JGit's git services): the daemon's key
 * authenticates it, and the server's host key must be in the configured known_hosts, always.
 */
class GitOverSshTest {

    static final String DOC = "2025-04-10-payments.md";

    @TempDir
    Path tmp;

    Path bare;
    Repository served;
    SshGitServer server;
    Path key;
    Path workdir;
    GitDocumentSource source;

    @BeforeEach
    void setUp() throws Exception {
        bare = GitFixture.bareRepository(tmp, Map.of("postmortems/" + DOC,
                postmortem("Payment service errors", new String[] {"Increase pool size", "Not Started"})));
        served = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
        server = new SshGitServer(served);
        key = server.writeClientKey(tmp.resolve("id_ecdsa"));
        workdir = tmp.resolve("repo");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (source != null) {
            source.close();
        }
        server.close();
        served.close();
    }

    GitDocumentSource source(Path privateKey, Path knownHosts) {
        GitConfig git = new GitConfig(server.url(), GitFixture.BRANCH, null, null, privateKey, knownHosts,
                new GitConfig.Author("postmortem-sync", "postmortem-sync@example.com"), workdir, 3);
        return new GitDocumentSource(GitFixture.sourceConfig(git, "postmortems"),
                Clock.fixed(Instant.parse("2025-04-16T09:30:00Z"), ZoneOffset.UTC), new GitFixture.RecordingSleeper());
    }

    Path knownHosts(String content) throws Exception {
        Path file = tmp.resolve("known_hosts-" + System.nanoTime());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void withTheKeyAndAMatchingKnownHostsEntryItClonesAndPushes() throws Exception {
        source = source(key, knownHosts(server.knownHostsLine() + "\n"));

        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(DOC);
        source.update(DOC, setCell("Increase pool size", "Status", "Completed"), List.of("OPS-1: Not Started -> Completed"));

        assertThat(source.publish()).isInstanceOf(PublishResult.Published.class);
        assertThat(GitFixture.log(bare).get(0).getFullMessage()).contains("OPS-1: Not Started -> Completed (postmortems/" + DOC + ")");
    }

    @Test
    void anUnknownHostIsRefusedAndNeverAddedToKnownHosts() throws Exception {
        Path knownHosts = knownHosts("# no entry for the git server\n");
        source = source(key, knownHosts);

        SourceException failure = catchThrowableOfType(SourceException.class, source::refresh);

        assertThat(failure).hasMessage("cannot clone " + GitConfig.redactUrl(server.url()) + ": the server's ssh host key is not listed in "
                + knownHosts + " (unknown host, or its key changed); the connection was refused");
        assertThat(knownHosts).hasContent("# no entry for the git server");
        assertThat(workdir).isEmptyDirectory();
    }

    @Test
    void aChangedHostKeyIsRefusedAndKnownHostsIsLeftAlone() throws Exception {
        String impostor = server.knownHostsLine(SshGitServer.newKeyPair());
        Path knownHosts = knownHosts(impostor + "\n");
        source = source(key, knownHosts);

        SourceException failure = catchThrowableOfType(SourceException.class, source::refresh);

        assertThat(failure.getMessage()).contains("the server's ssh host key is not listed in " + knownHosts);
        assertThat(knownHosts).hasContent(impostor);
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailure() throws Exception {
        Path otherKey;
        try (SshGitServer other = new SshGitServer(served)) {
            otherKey = other.writeClientKey(tmp.resolve("id_other"));
        }
        source = source(otherKey, knownHosts(server.knownHostsLine() + "\n"));

        SourceException failure = catchThrowableOfType(SourceException.class, source::refresh);

        assertThat(failure.getMessage()).startsWith("cannot clone " + GitConfig.redactUrl(server.url())
                + ": the server did not accept the ssh key " + otherKey);
    }
}
