package io.postmortemsync.source.git;

import io.postmortemsync.config.GitConfig;
import io.postmortemsync.config.SourceConfig;
import io.postmortemsync.doctor.CheckProvider;
import io.postmortemsync.doctor.CheckResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * The git checks of {@code doctor}: can the daemon reach the repository with its credentials,
 * does the branch exist, may it push, can it keep its clone. Nothing is changed: no clone, no
 * commit, no push, no known_hosts entry; the push permission is judged from the server's
 * willingness to open a push session (its ref advertisement for git-receive-pack), which is as
 * far as it can be known without pushing. Branch protection rules only show on a real push.
 */
public final class GitDoctor {

    static final String WORKDIR = "git workdir";
    static final String SSH_FILES = "git ssh key and known_hosts";
    static final String REMOTE = "git remote";
    static final String BRANCH = "git branch";
    static final String PUSH = "git push permission";

    private final GitConfig git;

    /**
     * @throws IllegalArgumentException naming the key when {@code source.git} cannot work at all
     */
    public GitDoctor(SourceConfig config) {
        Objects.requireNonNull(config, "source config");
        this.git = Objects.requireNonNull(config.git(), "source.git is required when source.type is git");
        JGitEnvironment.install();
    }

    /** The git checks as a doctor provider: none when the source is not git. */
    public static CheckProvider provider() {
        return config -> config.source().type() == SourceConfig.SourceType.GIT
                ? new GitDoctor(config.source()).run()
                : List.of();
    }

    /** Runs every check, in order; later checks that depend on a failed one say they were skipped. */
    public List<CheckResult> run() {
        List<CheckResult> checks = new ArrayList<>();
        GitRemote remote;
        try {
            remote = GitRemote.of(git);
        } catch (IllegalArgumentException e) {
            checks.add(CheckResult.fail(REMOTE, e.getMessage(), "fix source.git.url"));
            return checks;
        }
        try (remote) {
            checks.add(workdir(remote));
            if (remote.kind() == GitRemote.Kind.SSH) {
                checks.add(sshFiles(remote));
            }
            Collection<Ref> heads;
            try {
                heads = remote.apply(
                                Git.lsRemoteRepository().setRemote(remote.url()).setHeads(true))
                        .call();
            } catch (GitAPIException | RuntimeException e) {
                RemoteFailure failure = RemoteFailure.classify(e, remote.secrets());
                checks.add(CheckResult.fail(REMOTE, failure.describe("reach", remote), failure.fix(remote)));
                checks.add(CheckResult.warn(
                        BRANCH, "not checked: the remote could not be reached", "fix the remote first"));
                checks.add(
                        CheckResult.warn(PUSH, "not checked: the remote could not be reached", "fix the remote first"));
                return checks;
            }
            checks.add(CheckResult.pass(
                    REMOTE,
                    remote.display() + " is reachable"
                            + (remote.hasCredentials() ? " and accepts the credentials" : "")
                            + "; it has " + heads.size() + " branch(es)"));
            checks.add(branch(remote, heads));
            checks.add(push(remote));
        }
        return checks;
    }

    private CheckResult workdir(GitRemote remote) {
        if (git.workdir() == null) {
            return CheckResult.fail(
                    WORKDIR,
                    "source.git.workdir is not set",
                    "set source.git.workdir to a folder on a persistent volume");
        }
        Path workdir = git.workdir().toAbsolutePath().normalize();
        Path existing = workdir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || (!existing.equals(workdir) && !Files.isDirectory(existing))) {
            return CheckResult.fail(
                    WORKDIR,
                    "cannot create " + workdir + ": " + existing + " is not a folder",
                    "point source.git.workdir at a folder the daemon may create");
        }
        if (!Files.isWritable(existing)) {
            return CheckResult.fail(
                    WORKDIR,
                    existing + " is not writable by the daemon",
                    "mount a writable volume there (Kubernetes: a PVC or emptyDir; fsGroup for the pod's user)");
        }
        if (!existing.equals(workdir)) {
            return CheckResult.pass(
                    WORKDIR, workdir + " does not exist yet; the first pass creates it and clones into it");
        }
        LocalClone clone =
                new LocalClone(workdir, git.branch() == null ? "main" : git.branch(), remote, Clock.systemUTC());
        return switch (clone.inspect()) {
            case LocalClone.Inspection.Empty empty ->
                CheckResult.pass(WORKDIR, workdir + " is empty; the first pass clones into it");
            case LocalClone.Inspection.Usable usable -> {
                usable.repository().close();
                yield CheckResult.pass(
                        WORKDIR, workdir + " holds a clone of " + remote.display() + " (branch " + git.branch() + ")");
            }
            case LocalClone.Inspection.Unusable unusable ->
                CheckResult.warn(
                        WORKDIR,
                        workdir + " cannot be used as it is (" + unusable.reason() + "); the daemon will move it aside "
                                + "(renamed, not deleted) and clone again",
                        "nothing, unless you want its content back; or point source.git.workdir at an empty folder");
        };
    }

    private CheckResult sshFiles(GitRemote remote) {
        Path key = remote.sshKeyFile();
        Path knownHosts = remote.knownHostsFile();
        if (key == null || !Files.isReadable(key)) {
            return CheckResult.fail(
                    SSH_FILES,
                    "source.git.sshKeyFile " + (key == null ? "is not set" : key + " cannot be read"),
                    "mount the deploy key's private key and point source.git.sshKeyFile at it");
        }
        if (knownHosts == null || !Files.isReadable(knownHosts)) {
            return CheckResult.fail(
                    SSH_FILES,
                    "source.git.knownHostsFile " + (knownHosts == null ? "is not set" : knownHosts + " cannot be read"),
                    "create a known_hosts file with the git server's host key (ssh-keyscan, checked against the published fingerprint)");
        }
        URIish uri = remote.uri();
        int port = uri.getPort() > 0 ? uri.getPort() : 22;
        try {
            boolean listed = KnownHostEntry.readKnownHostEntries(knownHosts).stream()
                    .anyMatch(entry -> !"revoked".equals(entry.getMarker()) && entry.isHostMatch(uri.getHost(), port));
            if (!listed) {
                String host = port == 22 ? uri.getHost() : "[" + uri.getHost() + "]:" + port;
                return CheckResult.fail(
                        SSH_FILES,
                        knownHosts + " has no host key for " + host,
                        "add the server's key: ssh-keyscan " + (port == 22 ? "" : "-p " + port + " ") + uri.getHost()
                                + " >> " + knownHosts
                                + " (and compare its fingerprint with the one your git host publishes)");
            }
        } catch (IOException | RuntimeException e) {
            return CheckResult.fail(
                    SSH_FILES, knownHosts + " cannot be parsed: " + e.getMessage(), "fix the known_hosts file");
        }
        return CheckResult.pass(SSH_FILES, "key " + key + " is readable; " + knownHosts + " lists the server");
    }

    private CheckResult branch(GitRemote remote, Collection<Ref> heads) {
        String wanted = Constants.R_HEADS + git.branch();
        for (Ref head : heads) {
            if (head.getName().equals(wanted) && head.getObjectId() != null) {
                return CheckResult.pass(
                        BRANCH,
                        "branch " + git.branch() + " is at "
                                + head.getObjectId().abbreviate(8).name());
            }
        }
        List<String> names = heads.stream()
                .map(h -> h.getName().substring(Constants.R_HEADS.length()))
                .sorted()
                .limit(10)
                .toList();
        return CheckResult.fail(
                BRANCH,
                "branch " + git.branch() + " does not exist in " + remote.display()
                        + (names.isEmpty() ? " (it has no branches)" : " (it has: " + String.join(", ", names) + ")"),
                "set source.git.branch to the branch that holds the postmortems");
    }

    /**
     * Opens a push session and closes it without sending anything. Hosts refuse a push session
     * to credentials without write access (GitHub, GitLab and Bitbucket answer the
     * git-receive-pack advertisement with 401/403), so this is the honest limit of knowing.
     */
    private CheckResult push(GitRemote remote) {
        if (remote.kind() == GitRemote.Kind.FILE) {
            Path repository = Path.of(remote.uri().getPath());
            if (!Files.isWritable(repository.resolve("refs")) && !Files.isWritable(repository.resolve(".git/refs"))) {
                return CheckResult.fail(
                        PUSH,
                        remote.display() + " is not writable by the daemon",
                        "give the daemon's user write access");
            }
        }
        try (Transport transport = Transport.open(remote.uri())) {
            remote.configure(transport);
            PushConnection connection = transport.openPush();
            int advertised;
            try {
                advertised = connection.getRefs().size(); // read, then closed without sending anything
            } finally {
                connection.close();
            }
            return CheckResult.pass(
                    PUSH,
                    remote.display() + " accepts a push session"
                            + (remote.hasCredentials() || remote.kind() == GitRemote.Kind.SSH
                                    ? " from these credentials"
                                    : "")
                            + " (" + advertised
                            + " ref(s) advertised); branch protection rules show only on a real push");
        } catch (Exception e) {
            RemoteFailure failure = RemoteFailure.classify(e, remote.secrets());
            return CheckResult.fail(
                    PUSH,
                    failure.describe("open a push session with", remote),
                    failure.kind() == RemoteFailure.Kind.PERMISSION
                            ? "give the credentials write access to the repository (a deploy key with write access, or a token with contents:write)"
                            : failure.fix(remote));
        }
    }
}
