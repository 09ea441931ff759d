package io.postmortemsync.source.git;

import static io.postmortemsync.source.git.TableEdits.postmortem;
import static io.postmortemsync.source.git.TableEdits.setCell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.postmortemsync.config.GitConfig;
import io.postmortemsync.source.DocumentSource.DocumentRef;
import io.postmortemsync.source.DocumentSource.PublishResult;
import io.postmortemsync.source.SourceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        bare = GitFixture.bareRepository(
                tmp, Map.of("postmortems/" + DOC, postmortem("Payment service errors", new String[] {
                    "Increase pool size", "Not Started"
                })));
        served = new FileRepositoryBuilder()
                .setGitDir(bare.toFile())
                .setMustExist(true)
                .build();
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
        GitConfig git = new GitConfig(
                server.url(),
                GitFixture.BRANCH,
                null,
                null,
                privateKey,
                knownHosts,
                new GitConfig.Author("postmortem-sync", "postmortem-sync@example.com"),
                workdir,
                3);
        return new GitDocumentSource(
                GitFixture.sourceConfig(git, "postmortems"),
                Clock.fixed(Instant.parse("2025-04-16T09:30:00Z"), ZoneOffset.UTC),
                new GitFixture.RecordingSleeper());
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
        source.update(
                DOC, setCell("Increase pool size", "Status", "Completed"), List.of("OPS-1: Not Started -> Completed"));

        assertThat(source.publish()).isInstanceOf(PublishResult.Published.class);
        assertThat(GitFixture.log(bare).get(0).getFullMessage())
                .contains("OPS-1: Not Started -> Completed (postmortems/" + DOC + ")");
    }

    @Test
    void anUnknownHostIsRefusedAndNeverAddedToKnownHosts() throws Exception {
        Path knownHosts = knownHosts("# no entry for the git server\n");
        source = source(key, knownHosts);

        SourceException failure = catchThrowableOfType(SourceException.class, source::refresh);

        assertThat(failure)
                .hasMessage("cannot clone " + GitConfig.redactUrl(server.url())
                        + ": the server's ssh host key is not listed in " + knownHosts
                        + " (unknown host, or its key changed); the connection was refused");
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

        assertThat(failure.getMessage())
                .startsWith("cannot clone " + GitConfig.redactUrl(server.url())
                        + ": the server did not accept the ssh key " + otherKey);
    }

    /**
     * A Secret volume as the kubelet writes it: the files in a timestamped folder, {@code ..data}
     * a symbolic link to that folder, and each file name a symbolic link through {@code ..data}
     * (so an update swaps one link atomically). The files are read-only for their owner and
     * group ({@code defaultMode: 0440}, group = the pod's fsGroup) or for the owner only.
     */
    Path secretVolume(String mode, Map<String, byte[]> files) throws Exception {
        Path volume = tmp.resolve("secret-volume");
        Files.createDirectories(volume);
        publishSecretVersion(volume, "..2025_11_26_17_00_00.000000001", mode, files);
        for (String name : files.keySet()) {
            Files.createSymbolicLink(volume.resolve(name), Path.of("..data", name));
        }
        return volume;
    }

    /** Writes a version of the Secret and points {@code ..data} at it in one rename, as the kubelet does. */
    static void publishSecretVersion(Path volume, String version, String mode, Map<String, byte[]> files)
            throws Exception {
        Path folder = Files.createDirectory(volume.resolve(version));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = Files.write(folder.resolve(file.getKey()), file.getValue());
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
        Path next = Files.createSymbolicLink(volume.resolve("..data_tmp"), Path.of(version));
        Files.move(next, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"r--r-----", "r--------"})
    void aKeyAndKnownHostsMountedFromAKubernetesSecretAreAccepted(String mode) throws Exception {
        Path volume = secretVolume(
                mode,
                Map.of(
                        "id_ecdsa", Files.readAllBytes(key),
                        "known_hosts", (server.knownHostsLine() + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(volume.resolve("id_ecdsa")).isSymbolicLink();
        assertThat(Files.getPosixFilePermissions(volume.resolve("id_ecdsa")))
                .isEqualTo(PosixFilePermissions.fromString(mode));
        source = source(volume.resolve("id_ecdsa"), volume.resolve("known_hosts"));

        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(DOC);
        source.update(
                DOC, setCell("Increase pool size", "Status", "Completed"), List.of("OPS-1: Not Started -> Completed"));

        assertThat(source.publish()).isInstanceOf(PublishResult.Published.class);
        assertThat(GitFixture.log(bare).get(0).getFullMessage())
                .contains("OPS-1: Not Started -> Completed (postmortems/" + DOC + ")");
        assertThat(Files.readString(volume.resolve("known_hosts")))
                .isEqualTo(server.knownHostsLine() + "\n"); // never written to
    }

    @Test
    void anUpdatedSecretIsReadByTheNextPassWithoutARestart() throws Exception {
        byte[] privateKey = Files.readAllBytes(key);
        Path volume = secretVolume(
                "r--r-----",
                Map.of(
                        "id_ecdsa",
                        privateKey,
                        "known_hosts",
                        (server.knownHostsLine() + "\n").getBytes(StandardCharsets.UTF_8)));
        source = source(volume.resolve("id_ecdsa"), volume.resolve("known_hosts"));
        source.refresh();

        // Someone puts a wrong host key into the Secret: the next fetch must refuse the server.
        publishSecretVersion(
                volume,
                "..2025_11_26_18_00_00.000000002",
                "r--r-----",
                Map.of(
                        "id_ecdsa",
                        privateKey,
                        "known_hosts",
                        (server.knownHostsLine(SshGitServer.newKeyPair()) + "\n").getBytes(StandardCharsets.UTF_8)));
        SourceException refused = catchThrowableOfType(SourceException.class, source::refresh);
        assertThat(refused.getMessage())
                .contains("the server's ssh host key is not listed in " + volume.resolve("known_hosts"));

        // And the fix reaches it the same way.
        publishSecretVersion(
                volume,
                "..2025_11_26_19_00_00.000000003",
                "r--r-----",
                Map.of(
                        "id_ecdsa",
                        privateKey,
                        "known_hosts",
                        (server.knownHostsLine() + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly(DOC);
    }
}
