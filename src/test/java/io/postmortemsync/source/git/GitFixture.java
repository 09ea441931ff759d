package io.postmortemsync.source.git;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.postmortemsync.config.GitConfig;
import io.postmortemsync.config.Secret;
import io.postmortemsync.config.SourceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Real git for tests: a bare "server" repository in a temporary folder and people who clone it. */
final class GitFixture {

    static final String BRANCH = "main";

    private GitFixture() {}

    /** A bare repository with one commit holding the given files. */
    static Path bareRepository(Path dir, Map<String, String> files) throws IOException, GitAPIException {
        Path bare = dir.resolve("remote.git");
        Git.init()
                .setBare(true)
                .setDirectory(bare.toFile())
                .setInitialBranch(BRANCH)
                .call()
                .close();
        Path seed = dir.resolve("seed");
        try (Git git =
                Git.init().setDirectory(seed.toFile()).setInitialBranch(BRANCH).call()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = seed.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
                git.add().addFilepattern(file.getKey()).call();
            }
            PersonIdent seeder = new PersonIdent("Seeder", "seeder@example.com");
            git.commit()
                    .setMessage("Initial postmortems")
                    .setAuthor(seeder)
                    .setCommitter(seeder)
                    .setSign(false)
                    .call();
            git.push().setRemote(bare.toUri().toString()).add(BRANCH).call();
        }
        return bare;
    }

    static String url(Path bare) {
        return bare.toUri().toString();
    }

    static GitConfig gitConfig(String url, Path workdir, int pushRetries) {
        return new GitConfig(
                url,
                BRANCH,
                null,
                null,
                null,
                null,
                new GitConfig.Author("postmortem-sync", "postmortem-sync@example.com"),
                workdir,
                pushRetries);
    }

    static GitConfig httpConfig(String url, Path workdir, String user, String password) {
        return new GitConfig(
                url,
                BRANCH,
                user,
                password == null ? null : Secret.of(password),
                null,
                null,
                new GitConfig.Author("postmortem-sync", "postmortem-sync@example.com"),
                workdir,
                3);
    }

    static SourceConfig sourceConfig(GitConfig git, String path) {
        return new SourceConfig(
                SourceConfig.SourceType.GIT,
                Path.of(path),
                List.of("**/*.md"),
                List.of("**/drafts/**"),
                "https://git.example.com/acme/postmortems/blob/{branch}/" + path + "/{path}",
                git);
    }

    /** The branch head in a repository (bare or not). */
    static RevCommit head(Path gitDir) throws IOException {
        try (Repository repository = new FileRepositoryBuilder()
                        .setGitDir(gitDir.toFile())
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(repository.resolve(Constants.R_HEADS + BRANCH));
        }
    }

    /** Commits of the branch, newest first, with their parents parsed. */
    static List<RevCommit> log(Path gitDir) throws IOException {
        try (Repository repository = new FileRepositoryBuilder()
                        .setGitDir(gitDir.toFile())
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve(Constants.R_HEADS + BRANCH)));
            List<RevCommit> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                commits.add(commit);
            }
            return commits;
        }
    }

    /** The blob id of a file at the branch head of a bare repository. */
    static String blobId(Path gitDir, String path) throws IOException {
        try (Repository repository = new FileRepositoryBuilder()
                        .setGitDir(gitDir.toFile())
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(repository.resolve(Constants.R_HEADS + BRANCH));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
                return tree == null ? null : tree.getObjectId(0).name();
            }
        }
    }

    /** A person with their own clone, who edits, commits and pushes like anyone on the team. */
    static final class Person implements AutoCloseable {
        private final Git git;
        private final Path dir;
        private final PersonIdent ident;

        Person(String name, String remoteUrl, Path dir) throws GitAPIException {
            this.dir = dir;
            this.git = Git.cloneRepository()
                    .setURI(remoteUrl)
                    .setDirectory(dir.toFile())
                    .setBranch(BRANCH)
                    .call();
            this.ident = new PersonIdent(name, name.toLowerCase(Locale.ROOT) + "@example.com");
        }

        String read(String path) throws IOException {
            return Files.readString(dir.resolve(path));
        }

        Person write(String path, String content) throws IOException, GitAPIException {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            git.add().addFilepattern(path).call();
            return this;
        }

        Person replace(String path, String from, String to) throws IOException, GitAPIException {
            String content = read(path);
            if (!content.contains(from)) {
                throw new AssertionError(path + " does not contain " + from);
            }
            return write(path, content.replace(from, to));
        }

        Person rename(String from, String to) throws IOException, GitAPIException {
            Path target = dir.resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(dir.resolve(from), target);
            git.rm().addFilepattern(from).call();
            git.add().addFilepattern(to).call();
            return this;
        }

        Person delete(String path) throws GitAPIException {
            git.rm().addFilepattern(path).call();
            return this;
        }

        /** Commits what was staged and pushes; fails the test if the push is not accepted. */
        RevCommit commitAndPush(String message) throws GitAPIException {
            RevCommit commit = git.commit()
                    .setMessage(message)
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
            for (PushResult result : git.push().call()) {
                RemoteRefUpdate update = result.getRemoteUpdate(Constants.R_HEADS + BRANCH);
                if (update.getStatus() != RemoteRefUpdate.Status.OK) {
                    throw new AssertionError("the person's push failed: " + update.getStatus());
                }
            }
            return commit;
        }

        void pull() throws GitAPIException {
            if (!git.pull()
                    .setRebase(false)
                    .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.FF_ONLY)
                    .call()
                    .isSuccessful()) {
                throw new AssertionError("pull failed");
            }
        }

        ObjectId head() throws IOException {
            return git.getRepository().resolve(Constants.HEAD);
        }

        @Override
        public void close() {
            git.close();
        }
    }

    /** Records the waits between push attempts instead of sleeping, and may act during one. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new ArrayList<>();
        private final List<ThrowingRunnable> duringWait = new ArrayList<>();

        /** Something that happens while the daemon waits (a person pushing again, say). */
        RecordingSleeper onEachWait(ThrowingRunnable action) {
            duringWait.add(action);
            return this;
        }

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
            for (ThrowingRunnable action : duringWait) {
                try {
                    action.run();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
