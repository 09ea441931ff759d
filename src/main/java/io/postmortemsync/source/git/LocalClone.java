package io.postmortemsync.source.git;

import io.postmortemsync.config.GitConfig;
import io.postmortemsync.source.SourceException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's own clone in {@code source.git.workdir}: reused when it is a sound clone of the
 * configured remote and branch, cloned when the folder is empty or missing, and otherwise moved
 * aside (renamed, never deleted: it might hold something a person wants back) and cloned again.
 * A clone is never trusted just because a {@code .git} folder exists.
 */
final class LocalClone {

    private static final Logger log = LoggerFactory.getLogger(LocalClone.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path workdir;
    private final String branch;
    private final GitRemote remote;
    private final Clock clock;

    LocalClone(Path workdir, String branch, GitRemote remote, Clock clock) {
        this.workdir = workdir.toAbsolutePath().normalize();
        this.branch = Objects.requireNonNull(branch, "branch");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Path workdir() {
        return workdir;
    }

    String remoteBranchRef() {
        return Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + branch;
    }

    /** What is in the workdir now, and whether it can be used. */
    sealed interface Inspection {
        /** Nothing there (missing or empty folder): clone. */
        record Empty() implements Inspection {}

        /** A sound clone of the right remote and branch. */
        record Usable(Repository repository) implements Inspection {}

        /** Something else: move it aside and clone. */
        record Unusable(String reason) implements Inspection {}
    }

    /**
     * The clone to work with.
     *
     * @param git the repository
     * @param fresh whether it was cloned just now (and so needs no fetch)
     */
    record Opened(Git git, boolean fresh) {}

    /** The clone to work with: the existing one when sound, else a fresh clone. */
    Opened open() throws SourceException {
        Inspection inspection = inspect();
        return switch (inspection) {
            case Inspection.Usable usable -> {
                try {
                    removeStaleLocks(workdir.resolve(Constants.DOT_GIT));
                } catch (IOException e) {
                    usable.repository().close();
                    yield new Opened(replace("its stale lock files cannot be removed: " + e.getMessage()), true);
                }
                log.info("Reusing the clone of {} in {}", remote.display(), workdir);
                yield new Opened(new Git(usable.repository(), true), false);
            }
            case Inspection.Empty empty -> {
                log.info("Cloning {} (branch {}) into {}", remote.display(), branch, workdir);
                yield new Opened(cloneFresh(), true);
            }
            case Inspection.Unusable unusable -> new Opened(replace(unusable.reason()), true);
        };
    }

    /** Moves the broken clone aside and clones again (the caller has closed its repository). */
    Git replace(String reason) throws SourceException {
        Path aside = moveAside(reason);
        log.warn(
                "The clone in {} is unusable ({}); moved it to {} and cloning {} again",
                workdir,
                reason,
                aside,
                remote.display());
        return cloneFresh();
    }

    /** Looks at the workdir without changing anything (the doctor uses this too). */
    Inspection inspect() {
        if (!Files.exists(workdir)) {
            return new Inspection.Empty();
        }
        if (!Files.isDirectory(workdir)) {
            return new Inspection.Unusable("it is a file, not a folder");
        }
        try (Stream<Path> children = Files.list(workdir)) {
            if (children.findAny().isEmpty()) {
                return new Inspection.Empty();
            }
        } catch (IOException e) {
            return new Inspection.Unusable("cannot list it: " + e.getMessage());
        }
        Path gitDir = workdir.resolve(Constants.DOT_GIT);
        if (!Files.isDirectory(gitDir)) {
            return new Inspection.Unusable("it holds files but no git clone");
        }
        Repository repository = null;
        try {
            repository = new FileRepositoryBuilder()
                    .setGitDir(gitDir.toFile())
                    .setWorkTree(workdir.toFile())
                    .setMustExist(true)
                    .build();
            String problem = problemWith(repository);
            if (problem != null) {
                repository.close();
                return new Inspection.Unusable(problem);
            }
            return new Inspection.Usable(repository);
        } catch (IOException | RuntimeException e) {
            if (repository != null) {
                repository.close();
            }
            return new Inspection.Unusable("it cannot be read as a git repository: " + e.getMessage());
        }
    }

    /** Null when the repository is a sound clone of our remote and branch, else why not. */
    private String problemWith(Repository repository) throws IOException {
        if (repository.isBare()) {
            return "it is a bare repository";
        }
        String origin = repository.getConfig().getString("remote", Constants.DEFAULT_REMOTE_NAME, "url");
        if (origin == null || !sameRemote(origin, remote.url())) {
            return "it is a clone of " + (origin == null ? "no remote" : GitConfig.redactUrl(origin)) + ", not of "
                    + remote.display();
        }
        Ref head = repository.exactRef(Constants.HEAD);
        if (head == null || !head.isSymbolic() || !head.getTarget().getName().equals(Constants.R_HEADS + branch)) {
            return "it does not have branch " + branch + " checked out";
        }
        ObjectId headId = head.getObjectId();
        Ref tracking = repository.exactRef(remoteBranchRef());
        if (headId == null || tracking == null || tracking.getObjectId() == null) {
            return "it has no commit of branch " + branch;
        }
        try (RevWalk walk = new RevWalk(repository);
                ObjectReader reader = repository.newObjectReader()) {
            RevCommit commit = walk.parseCommit(headId);
            walk.parseCommit(tracking.getObjectId());
            try (TreeWalk tree = new TreeWalk(reader)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    ObjectId id = tree.getObjectId(0);
                    if (tree.getFileMode(0).getObjectType() == Constants.OBJ_BLOB && !reader.has(id)) {
                        return "object " + id.name() + " of " + tree.getPathString() + " is missing";
                    }
                }
            }
        }
        return null;
    }

    private static boolean sameRemote(String stored, String configured) {
        return normalize(stored).equals(normalize(configured));
    }

    private static String normalize(String url) {
        String withoutUser = GitConfig.redactUrl(url.strip());
        return withoutUser.endsWith("/") ? withoutUser.substring(0, withoutUser.length() - 1) : withoutUser;
    }

    /**
     * Lock files left by a process that was killed mid-operation would make every later
     * operation fail. Only this daemon writes to its clone and it is starting now, so any lock
     * present is stale.
     */
    private static void removeStaleLocks(Path gitDir) throws IOException {
        for (String name : List.of("index.lock", "HEAD.lock", "config.lock", "packed-refs.lock", "shallow.lock")) {
            if (Files.deleteIfExists(gitDir.resolve(name))) {
                log.info("Removed stale lock {}", gitDir.resolve(name));
            }
        }
        Path refs = gitDir.resolve("refs");
        if (Files.isDirectory(refs)) {
            try (Stream<Path> files = Files.walk(refs)) {
                for (Path lock : files.filter(p -> p.getFileName().toString().endsWith(".lock"))
                        .toList()) {
                    Files.deleteIfExists(lock);
                    log.info("Removed stale lock {}", lock);
                }
            }
        }
    }

    private Git cloneFresh() throws SourceException {
        try {
            Files.createDirectories(workdir);
        } catch (IOException e) {
            throw new SourceException(
                    "cannot create source.git.workdir " + workdir + ": " + e.getMessage()
                            + " (the daemon needs a writable folder there)",
                    e);
        }
        Git git = null;
        try {
            git = remote.apply(Git.cloneRepository()
                            .setURI(remote.url())
                            .setDirectory(workdir.toFile())
                            .setBranch(Constants.R_HEADS + branch)
                            .setBranchesToClone(List.of(Constants.R_HEADS + branch))
                            .setCloneAllBranches(false)
                            .setNoTags())
                    .call();
            Repository repository = git.getRepository();
            Ref head = repository.exactRef(Constants.HEAD);
            if (repository.exactRef(remoteBranchRef()) == null || head == null || head.getObjectId() == null) {
                throw new SourceException(branchMissing());
            }
            return git;
        } catch (TransportException | InvalidRemoteException e) {
            closeAndEmpty(git);
            if (String.valueOf(e.getMessage()).contains("not found in upstream")) {
                // JGit's way of saying the remote has no such branch (JGitText.remoteBranchNotFound).
                throw new SourceException(branchMissing(), Redaction.scrubbed(e, remote.secrets()));
            }
            throw RemoteFailure.classify(e, remote.secrets()).toException("clone", remote, e);
        } catch (GitAPIException | IOException | RuntimeException e) {
            closeAndEmpty(git);
            throw new SourceException(
                    "cannot clone " + remote.display() + " into " + workdir + ": "
                            + Redaction.scrub(e.getMessage(), remote.secrets()),
                    Redaction.scrubbed(e, remote.secrets()));
        } catch (SourceException e) {
            closeAndEmpty(git);
            throw e;
        }
    }

    private String branchMissing() {
        return "branch " + branch + " does not exist in " + remote.display()
                + " (check source.git.branch; the repository needs at least one commit on it)";
    }

    /**
     * A failed clone leaves nothing behind: the folder was empty when the clone started, so
     * everything in it now is the clone's own debris.
     */
    private void closeAndEmpty(Git git) {
        if (git != null) {
            git.close();
        }
        if (!Files.isDirectory(workdir)) {
            return;
        }
        try (Stream<Path> children = Files.list(workdir)) {
            for (Path child : children.toList()) {
                deleteRecursively(child);
            }
        } catch (IOException e) {
            log.warn("Could not clean up the failed clone in {}: {}", workdir, e.getMessage());
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private Path moveAside(String reason) throws SourceException {
        String base = workdir.getFileName() + ".moved-aside-" + STAMP.format(clock.instant());
        Path target = workdir.resolveSibling(base);
        for (int i = 1; Files.exists(target); i++) {
            target = workdir.resolveSibling(base + "-" + i);
        }
        try {
            Files.move(workdir, target);
            return target;
        } catch (IOException e) {
            throw new SourceException(
                    "the clone in source.git.workdir " + workdir + " is unusable (" + reason
                            + ") and cannot be moved aside (" + e.getMessage()
                            + "); remove it, or point source.git.workdir "
                            + "at a folder inside the volume rather than at the volume's mount point",
                    e);
        }
    }
}
