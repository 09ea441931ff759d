package io.postmortemsync.source.git;

import io.postmortemsync.config.GitConfig;
import io.postmortemsync.config.SourceConfig;
import io.postmortemsync.source.AtomicFiles;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.PathFilter;
import io.postmortemsync.source.SourceException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postmortems in a git repository ({@code source.type: git}), through JGit: no git binary.
 *
 * <p>Each pass: {@link #refresh()} fetches the branch and moves the daemon's clone to it (the
 * clone belongs to the daemon: it is reset, never merged), then lists the documents with their
 * blob ids as versions. {@link #update} edits files in the working tree atomically and remembers
 * each edit. {@link #publish()} turns the pass's edits into one commit by the configured author
 * and pushes it, never with force. When a person pushed in between, the push is rejected; then
 * the branch is fetched again, the remembered edits are applied again to the person's version
 * (edits are pure functions of the content, so this is a re-computation, not a textual merge),
 * and the push is retried, up to {@code pushRetries} times with backoff. History stays linear
 * and a person's commit is never lost or rewritten.
 *
 * <p>Thread-safe (one lock); the engine uses it from one pass at a time anyway.
 */
public final class GitDocumentSource implements DocumentSource {

    private static final Logger log = LoggerFactory.getLogger(GitDocumentSource.class);
    /** An update re-reads and retries this often when the file changes under it. */
    private static final int UPDATE_ATTEMPTS = 3;

    private final GitConfig git;
    private final GitRemote remote;
    private final LocalClone clone;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PathFilter filter;
    private final String linkTemplate;
    /** {@code source.path} inside the repository: "" for the root, else "folder/" with a slash. */
    private final String prefix;

    private final ReentrantLock lock = new ReentrantLock();

    private Git repo;
    /** Edits applied to the working tree and not yet pushed, in the order they were made. */
    private List<PendingEdit> pending = new ArrayList<>();
    /** The commit the pending edits were applied on. */
    private ObjectId pendingBase;
    /** Documents (source-relative) whose working-tree content differs from HEAD because of pending edits. */
    private final Set<String> edited = new HashSet<>();
    /** Pending edits that could not be applied again; reported by the next publish(). */
    private final List<UpdateResult.Rejected> rejected = new ArrayList<>();

    /**
     * @throws IllegalArgumentException naming the configuration key when the configuration cannot work
     */
    public GitDocumentSource(SourceConfig config) {
        this(config, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    GitDocumentSource(SourceConfig config, Clock clock, Sleeper sleeper) {
        Objects.requireNonNull(config, "source config");
        this.git = Objects.requireNonNull(config.git(), "source.git is required when source.type is git");
        requireSetting(git.branch(), "source.git.branch");
        requireSetting(git.workdir(), "source.git.workdir");
        requireSetting(git.author(), "source.git.author");
        requireSetting(git.author().name(), "source.git.author.name");
        requireSetting(git.author().email(), "source.git.author.email");
        if (git.pushRetries() < 0) {
            throw new IllegalArgumentException(
                    "source.git.pushRetries must be 0 or more (got " + git.pushRetries() + ")");
        }
        this.remote = GitRemote.of(git);
        if (remote.kind() == GitRemote.Kind.SSH) {
            requireSetting(git.sshKeyFile(), "source.git.sshKeyFile (ssh URLs authenticate with a key)");
            requireSetting(git.knownHostsFile(), "source.git.knownHostsFile (the ssh host key is always verified)");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.prefix = prefixOf(config.path());
        this.filter = PathFilter.of(config.include(), config.exclude());
        this.linkTemplate = config.linkTemplate();
        this.clone = new LocalClone(git.workdir(), git.branch(), remote, clock);
        JGitEnvironment.install(); // no writable home needed
    }

    private static void requireSetting(Object value, String key) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(key + " is required");
        }
    }

    private static String prefixOf(Path path) {
        if (path == null) {
            return "";
        }
        String text = path.toString().replace('\\', '/');
        if (path.isAbsolute() || text.startsWith("/")) {
            throw new IllegalArgumentException(
                    "source.path must be a folder inside the repository, relative to its root (got " + text + ")");
        }
        Path normalized = Path.of(text).normalize();
        String result = normalized.toString().replace('\\', '/');
        if (result.equals("..") || result.startsWith("../")) {
            throw new IllegalArgumentException("source.path must stay inside the repository (got " + text + ")");
        }
        return result.isEmpty() || result.equals(".") ? "" : result + "/";
    }

    // ---------------------------------------------------------------------------------------
    // refresh

    @Override
    public List<DocumentRef> refresh() throws SourceException {
        lock.lock();
        try {
            boolean fresh = false;
            if (repo == null) {
                LocalClone.Opened opened = clone.open();
                repo = opened.git();
                fresh = opened.fresh();
            }
            try {
                return sync(!fresh);
            } catch (BrokenClone broken) {
                repo.close();
                repo = null; // if cloning again fails too, the next pass starts from the workdir afresh
                repo = clone.replace(broken.getMessage());
                try {
                    return sync(false);
                } catch (BrokenClone again) {
                    throw new SourceException(
                            "the fresh clone of " + remote.display() + " in " + clone.workdir() + " is unusable too: "
                                    + again.getMessage(),
                            again);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Fetch (unless just cloned), move to the remote branch, re-apply unpublished edits, list. */
    private List<DocumentRef> sync(boolean fetch) throws SourceException, BrokenClone {
        if (fetch) {
            fetch();
        }
        RevCommit remoteHead = remoteHead();
        warnAboutUnpublishedCommits(remoteHead);
        resetTo(remoteHead);
        if (!pending.isEmpty()) {
            log.warn(
                    "Applying {} write-back(s) that were not published in an earlier pass again, on {}",
                    pending.size(),
                    remoteHead.abbreviate(8).name());
            replay(remoteHead);
        } else {
            pendingBase = null;
            edited.clear();
        }
        return list(remoteHead);
    }

    private void fetch() throws SourceException, BrokenClone {
        String branchRef = Constants.R_HEADS + git.branch();
        Repository repository = repo.getRepository();
        if (!repository.getDirectory().isDirectory()
                || !repository.getObjectDatabase().exists()) {
            throw new BrokenClone("its .git folder has disappeared", null);
        }
        try {
            // By URL rather than by the remote's name: the fetch must not depend on .git/config.
            remote.apply(repo.fetch()
                            .setRemote(remote.url())
                            .setRefSpecs(new RefSpec("+" + branchRef + ":" + clone.remoteBranchRef()))
                            .setTagOpt(TagOpt.NO_TAGS)
                            .setRemoveDeletedRefs(true))
                    .call();
        } catch (TransportException | InvalidRemoteException e) {
            if (isLocalDamage(e)) {
                throw new BrokenClone("fetching failed on a damaged local repository: " + e.getMessage(), e);
            }
            RemoteFailure failure = RemoteFailure.classify(e, remote.secrets());
            log.warn("Fetch failed: {}", failure.describe("fetch from", remote));
            throw failure.toException("fetch from", remote, e);
        } catch (GitAPIException | RuntimeException e) {
            throw new BrokenClone("fetch failed: " + e.getMessage(), e);
        }
    }

    private RevCommit remoteHead() throws SourceException, BrokenClone {
        try {
            Ref ref = repo.getRepository().exactRef(clone.remoteBranchRef());
            if (ref == null || ref.getObjectId() == null) {
                throw new SourceException("branch " + git.branch() + " does not exist in " + remote.display()
                        + " (check source.git.branch)");
            }
            try (RevWalk walk = new RevWalk(repo.getRepository())) {
                return walk.parseCommit(ref.getObjectId());
            }
        } catch (IOException e) {
            throw new BrokenClone("cannot read " + clone.remoteBranchRef() + ": " + e.getMessage(), e);
        }
    }

    /**
     * HEAD should never be ahead of the remote: a failed publish moves it back. It can be after
     * a crash between commit and push; that commit is dropped (the edits it held are recomputed
     * by the next pass from the tracker) and the log says so.
     */
    private void warnAboutUnpublishedCommits(RevCommit remoteHead) throws BrokenClone {
        Repository repository = repo.getRepository();
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null || head.equals(remoteHead)) {
                return;
            }
            RevCommit headCommit = walk.parseCommit(head);
            if (!walk.isMergedInto(headCommit, walk.parseCommit(remoteHead))) {
                log.warn(
                        "The clone had commit {} that was never pushed (a crash between commit and push?); "
                                + "dropping it: its write-backs are made again by the next pass",
                        headCommit.abbreviate(8).name());
            }
        } catch (IOException e) {
            throw new BrokenClone("cannot read HEAD: " + e.getMessage(), e);
        }
    }

    private void resetTo(RevCommit commit) throws BrokenClone {
        try {
            repo.reset().setMode(ResetType.HARD).setRef(commit.name()).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new BrokenClone("cannot check out " + commit.abbreviate(8).name() + ": " + e.getMessage(), e);
        }
    }

    private List<DocumentRef> list(RevCommit commit) throws SourceException, BrokenClone {
        Repository repository = repo.getRepository();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            if (!prefix.isEmpty()) {
                String folder = prefix.substring(0, prefix.length() - 1);
                if (TreeWalk.forPath(repository, folder, commit.getTree()) == null) {
                    throw new SourceException("source.path " + folder + " does not exist on branch " + git.branch()
                            + " of " + remote.display());
                }
                walk.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(folder));
            }
            List<DocumentRef> documents = new ArrayList<>();
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                // Regular files only: a symlink could point outside the repository, a gitlink is a submodule.
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                String path = walk.getPathString().substring(prefix.length());
                if (!filter.matches(path)) {
                    continue;
                }
                String version = edited.contains(path)
                        ? blobId(Files.readAllBytes(fileOf(path)))
                        : walk.getObjectId(0).name();
                documents.add(new DocumentRef(path, version));
            }
            documents.sort((a, b) -> a.path().compareTo(b.path()));
            return documents;
        } catch (IOException e) {
            throw new BrokenClone(
                    "cannot list the documents of " + commit.abbreviate(8).name() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------
    // read and update

    @Override
    public byte[] read(String path) throws IOException {
        lock.lock();
        try {
            requireOpen();
            return Files.readAllBytes(fileOf(path));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public UpdateResult update(String path, DocumentEdit edit, List<String> description) throws IOException {
        Objects.requireNonNull(edit, "edit");
        lock.lock();
        try {
            requireOpen();
            Path file = fileOf(path);
            for (int attempt = 1; ; attempt++) {
                byte[] current = Files.readAllBytes(file);
                byte[] next;
                try {
                    next = apply(edit, current);
                } catch (EditRejected e) {
                    return new UpdateResult.Rejected(path, e.getMessage());
                }
                if (Arrays.equals(current, next)) {
                    // Remembered all the same: applied to a person's newer version it may matter.
                    remember(new PendingEdit(path, edit, description, false));
                    return new UpdateResult.Unchanged(path);
                }
                if (AtomicFiles.replaceIfUnchanged(file, current, next)) {
                    remember(new PendingEdit(path, edit, description, true));
                    edited.add(path);
                    return new UpdateResult.Written(path, blobId(next));
                }
                if (attempt == UPDATE_ATTEMPTS) {
                    throw new IOException(repoPath(path) + " kept changing while it was being updated; not written");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void remember(PendingEdit edit) throws IOException {
        if (pendingBase == null) {
            pendingBase = repo.getRepository().resolve(Constants.HEAD);
        }
        pending.add(edit);
    }

    /** Applies an edit; a failing edit (a bug) is a rejection of that edit, not a failed pass. */
    private static byte[] apply(DocumentEdit edit, byte[] current) throws EditRejected {
        byte[] next;
        try {
            next = edit.apply(current.clone());
        } catch (RuntimeException e) {
            throw new EditRejected("the edit failed: " + e);
        }
        if (next == null) {
            throw new EditRejected("the edit returned no content");
        }
        return next;
    }

    // ---------------------------------------------------------------------------------------
    // publish

    @Override
    public PublishResult publish() throws SourceException {
        lock.lock();
        try {
            if (repo == null || pending.isEmpty()) {
                return new PublishResult.NothingToPublish(takeRejected());
            }
            RevCommit base = parse(pendingBase);
            for (int attempt = 0; ; attempt++) {
                List<String> changed = stage(base);
                if (changed.isEmpty()) {
                    clearPending();
                    return new PublishResult.NothingToPublish(takeRejected());
                }
                RevCommit commit = commit(Set.copyOf(changed));
                PushOutcome outcome = push(base);
                switch (outcome) {
                    case PushOutcome.Pushed pushed -> {
                        log.info(
                                "Pushed {} to {} (branch {}): {} document(s), {} change(s)",
                                commit.abbreviate(8).name(),
                                remote.display(),
                                git.branch(),
                                changed.size(),
                                countChanged());
                        clearPending();
                        return new PublishResult.Published(commit.name(), changed.size(), takeRejected());
                    }
                    case PushOutcome.Refused refused -> {
                        unwind(base);
                        throw new SourceException(
                                "push to " + remote.display() + " (branch " + git.branch() + ") was refused: "
                                        + refused.reason() + "; the write-back is kept and tried again next pass");
                    }
                    case PushOutcome.Behind behind -> {
                        if (attempt >= git.pushRetries()) {
                            unwind(base);
                            throw new SourceException(
                                    "push to " + remote.display() + " (branch " + git.branch() + ") was rejected "
                                            + (attempt + 1)
                                            + " time(s) because others kept pushing first; the write-back is kept "
                                            + "and tried again next pass");
                        }
                        Duration wait = Sleeper.backoff(attempt);
                        log.info(
                                "Push to {} rejected: branch {} moved on ({}); fetching, applying {} write-back(s) again "
                                        + "and retrying in {} ms (retry {} of {})",
                                remote.display(),
                                git.branch(),
                                behind.reason(),
                                pending.size(),
                                wait.toMillis(),
                                attempt + 1,
                                git.pushRetries());
                        unwind(base);
                        pause(wait);
                        base = catchUp();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Fetches and applies the pending edits again on the new remote head; returns that head. */
    private RevCommit catchUp() throws SourceException {
        try {
            fetch();
            RevCommit remoteHead = remoteHead();
            resetTo(remoteHead);
            replay(remoteHead);
            return remoteHead;
        } catch (BrokenClone broken) {
            throw new SourceException(
                    "the clone in " + clone.workdir() + " failed while retrying the push: " + broken.getMessage()
                            + "; it is checked and, if need be, cloned again next pass",
                    broken);
        }
    }

    private void pause(Duration wait) throws SourceException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while waiting to push to " + remote.display() + " again");
        }
    }

    /**
     * Applies every pending edit again, in order, to the documents as they are at {@code newBase}
     * (the working tree has just been reset to it). A document renamed meanwhile is followed; an
     * edit that no longer applies (its document deleted, its row removed) is rejected and
     * reported; where the edit changes again a line the person changed, the tracker's value
     * wins and a warning names the lines and the commits.
     */
    private void replay(RevCommit newBase) throws BrokenClone {
        Repository repository = repo.getRepository();
        RevCommit oldBase;
        try {
            oldBase = parse(pendingBase == null ? newBase : pendingBase);
        } catch (SourceException e) {
            // The old base is gone (history rewritten upstream?): apply the edits all the same,
            // only without following renames or naming concurrent commits.
            log.warn(
                    "Commit {} the write-backs were made on is gone; applying them to {} without comparing",
                    pendingBase.abbreviate(8).name(),
                    newBase.abbreviate(8).name());
            oldBase = newBase;
        }
        Map<String, List<PendingEdit>> byPath = new LinkedHashMap<>();
        for (PendingEdit edit : pending) {
            byPath.computeIfAbsent(edit.path(), p -> new ArrayList<>()).add(edit);
        }
        Map<String, String> renames = null;
        List<PendingEdit> survivors = new ArrayList<>();
        edited.clear();
        try {
            for (Map.Entry<String, List<PendingEdit>> entry : byPath.entrySet()) {
                String path = entry.getKey();
                String current = path;
                if (!Files.isRegularFile(fileOf(path))) {
                    if (renames == null) {
                        renames = renames(oldBase, newBase);
                    }
                    current = renames.get(path);
                    if (current != null) {
                        log.info(
                                "{} was renamed to {} by a concurrent commit; its write-backs follow it",
                                repoPath(path),
                                repoPath(current));
                    }
                }
                if (current == null || !Files.isRegularFile(fileOf(current))) {
                    for (PendingEdit edit : entry.getValue()) {
                        reject(path, "the document was deleted by a concurrent commit", edit);
                    }
                    continue;
                }
                Path file = fileOf(current);
                byte[] theirs = Files.readAllBytes(file);
                byte[] content = theirs;
                List<PendingEdit> applied = new ArrayList<>();
                for (PendingEdit edit : entry.getValue()) {
                    try {
                        byte[] next = apply(edit.edit(), content);
                        applied.add(edit.appliedTo(current, !Arrays.equals(next, content)));
                        content = next;
                    } catch (EditRejected e) {
                        reject(current, e.getMessage(), edit);
                    }
                }
                survivors.addAll(applied);
                if (!Arrays.equals(content, theirs)) {
                    if (!AtomicFiles.replaceIfUnchanged(file, theirs, content)) {
                        throw new IOException(
                                repoPath(current) + " changed while write-backs were applied to it again");
                    }
                    edited.add(current);
                }
                byte[] before = blob(repository, oldBase, repoPath(path));
                if (before != null && !Arrays.equals(before, theirs)) {
                    reportConcurrentChange(current, before, theirs, content, oldBase, newBase, applied);
                }
            }
        } catch (IOException e) {
            throw new BrokenClone("cannot apply the write-backs again: " + e.getMessage(), e);
        }
        pending = survivors;
        pendingBase = newBase;
    }

    private void reject(String path, String reason, PendingEdit edit) {
        String full =
                "could not be applied again after a concurrent change (" + reason + "); dropped: " + edit.summary();
        log.warn("Write-back to {} {}", repoPath(path), full);
        rejected.add(new UpdateResult.Rejected(path, full));
    }

    private void reportConcurrentChange(
            String path,
            byte[] before,
            byte[] theirs,
            byte[] result,
            RevCommit oldBase,
            RevCommit newBase,
            List<PendingEdit> applied)
            throws IOException {
        String commits = commitsTouching(repoPath(path), oldBase, newBase);
        List<Integer> overridden = OverlapCheck.overriddenLines(before, theirs, result);
        String changes = applied.stream()
                .filter(PendingEdit::changed)
                .map(PendingEdit::summary)
                .collect(Collectors.joining("; "));
        if (overridden.isEmpty()) {
            log.info(
                    "{} was also changed by {}; the write-back was applied again on top of it{}",
                    repoPath(path),
                    commits,
                    changes.isEmpty() ? " (nothing left to change)" : ": " + changes);
        } else {
            log.warn(
                    "{} line(s) {} were changed by {} and are written back again: the tracker's value wins ({})",
                    repoPath(path),
                    overridden.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    commits,
                    changes);
        }
    }

    private String commitsTouching(String repoPath, RevCommit oldBase, RevCommit newBase) throws IOException {
        StringJoiner names = new StringJoiner(", ");
        try (RevWalk walk = new RevWalk(repo.getRepository())) {
            walk.markStart(walk.parseCommit(newBase));
            walk.markUninteresting(walk.parseCommit(oldBase));
            walk.setTreeFilter(AndTreeFilter.create(
                    org.eclipse.jgit.treewalk.filter.PathFilter.create(repoPath), TreeFilter.ANY_DIFF));
            for (RevCommit commit : walk) {
                names.add(commit.abbreviate(8).name() + " by "
                        + commit.getAuthorIdent().getName());
            }
        }
        return names.length() == 0 ? "a concurrent commit" : "commit " + names;
    }

    /** Source-relative old path → source-relative new path, for documents renamed between the commits. */
    private Map<String, String> renames(RevCommit oldBase, RevCommit newBase) throws IOException {
        Map<String, String> result = new HashMap<>();
        Repository repository = repo.getRepository();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(oldBase.getTree());
            walk.addTree(newBase.getTree());
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            RenameDetector detector = new RenameDetector(repository);
            detector.addAll(DiffEntry.scan(walk));
            for (DiffEntry diff : detector.compute()) {
                if (diff.getChangeType() == DiffEntry.ChangeType.RENAME
                        && diff.getOldPath().startsWith(prefix)
                        && diff.getNewPath().startsWith(prefix)) {
                    result.put(
                            diff.getOldPath().substring(prefix.length()),
                            diff.getNewPath().substring(prefix.length()));
                }
            }
        }
        return result;
    }

    /** Adds the edited documents to the index; returns those whose content differs from {@code base}. */
    private List<String> stage(RevCommit base) throws SourceException {
        try {
            List<String> candidates = pending.stream()
                    .map(PendingEdit::path)
                    .distinct()
                    .map(this::repoPath)
                    .toList();
            if (candidates.isEmpty()) {
                return List.of();
            }
            var add = repo.add();
            candidates.forEach(add::addFilepattern);
            add.call();
            DirCache index = repo.getRepository().readDirCache();
            List<String> changed = new ArrayList<>();
            for (String path : candidates) {
                DirCacheEntry entry = index.getEntry(path);
                ObjectId staged = entry == null ? null : entry.getObjectId();
                ObjectId committed = idInTree(base, path);
                if (!Objects.equals(staged, committed)) {
                    changed.add(path);
                }
            }
            return changed;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new SourceException(
                    "cannot stage the write-back in " + clone.workdir() + ": " + e.getMessage()
                            + "; the clone is checked again next pass",
                    e);
        }
    }

    private RevCommit commit(Set<String> changed) throws SourceException {
        GitConfig.Author author = git.author();
        PersonIdent who = new PersonIdent(author.name(), author.email(), clock.instant(), clock.getZone());
        String message = CommitMessage.of(pending, this::repoPath, changed);
        try {
            return repo.commit()
                    .setMessage(message)
                    .setAuthor(who)
                    .setCommitter(who)
                    .setNoVerify(true) // no hooks: the clone is the daemon's, and hooks would need a shell
                    .setSign(false) // a signing setting in the container's git config must not break the pass
                    .setAllowEmpty(false)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceException("cannot commit the write-back in " + clone.workdir() + ": " + e.getMessage(), e);
        }
    }

    /** What a push came to. */
    private sealed interface PushOutcome {
        record Pushed() implements PushOutcome {}

        /** The branch moved on: fetch, apply again, retry. */
        record Behind(String reason) implements PushOutcome {}

        /** The server will not take it (protected branch, hook, permission): retrying will not help. */
        record Refused(String reason) implements PushOutcome {}
    }

    private PushOutcome push(RevCommit base) throws SourceException {
        String branchRef = Constants.R_HEADS + git.branch();
        Iterable<PushResult> results;
        try {
            // No '+' in the refspec and no force: the server refuses anything but a fast-forward.
            results = remote.apply(repo.push()
                            .setRemote(remote.url())
                            .setRefSpecs(new RefSpec(branchRef + ":" + branchRef))
                            .setForce(false))
                    .call();
        } catch (TransportException | InvalidRemoteException e) {
            unwind(base);
            RemoteFailure failure = RemoteFailure.classify(e, remote.secrets());
            log.warn("Push failed: {}", failure.describe("push to", remote));
            throw failure.toException("push to", remote, e);
        } catch (GitAPIException | RuntimeException e) {
            unwind(base);
            throw new SourceException(
                    "cannot push to " + remote.display() + ": " + Redaction.scrub(e.getMessage(), remote.secrets()),
                    Redaction.scrubbed(e, remote.secrets()));
        }
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(branchRef);
            if (update == null) {
                continue;
            }
            String message = update.getMessage() == null
                    ? update.getStatus().name()
                    : Redaction.scrub(update.getMessage(), remote.secrets());
            return switch (update.getStatus()) {
                case OK, UP_TO_DATE -> new PushOutcome.Pushed();
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> new PushOutcome.Behind(message);
                case REJECTED_OTHER_REASON ->
                    movedOn(message) ? new PushOutcome.Behind(message) : new PushOutcome.Refused(message);
                default -> new PushOutcome.Refused(message);
            };
        }
        return new PushOutcome.Refused("the server did not report on " + branchRef);
    }

    /**
     * Servers word "someone pushed first" in several ways: git's "fetch first" and "stale info",
     * "failed to update ref" / "cannot lock ref" when the branch moved between the ref
     * advertisement and the update (GitHub, git-http-backend), JGit's "invalid old id sent".
     * Retrying after a fetch is harmless if the guess is wrong: the retries are bounded.
     */
    private static boolean movedOn(String message) {
        String text = message.toLowerCase(java.util.Locale.ROOT);
        return Stream.of(
                        "fetch first",
                        "non-fast-forward",
                        "stale info",
                        "failed to update ref",
                        "cannot lock ref",
                        "failed to lock",
                        "lock failure",
                        "invalid old id")
                .anyMatch(text::contains);
    }

    /** Takes the local commit back (the edits stay in the working tree and in memory). */
    private void unwind(RevCommit base) {
        try {
            repo.reset().setMode(ResetType.MIXED).setRef(base.name()).call();
        } catch (GitAPIException | RuntimeException e) {
            // The next refresh resets the clone to the remote branch anyway.
            log.debug("Could not move back to {}: {}", base.abbreviate(8).name(), e.getMessage());
        }
    }

    private void clearPending() {
        pending = new ArrayList<>();
        pendingBase = null;
        edited.clear();
    }

    private long countChanged() {
        return pending.stream()
                .filter(PendingEdit::changed)
                .mapToLong(e -> Math.max(1, e.description().size()))
                .sum();
    }

    private List<UpdateResult.Rejected> takeRejected() {
        List<UpdateResult.Rejected> taken = List.copyOf(rejected);
        rejected.clear();
        return taken;
    }

    // ---------------------------------------------------------------------------------------
    // the rest of the port

    @Override
    public Optional<String> linkFor(String path) {
        if (linkTemplate == null || linkTemplate.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(
                linkTemplate.replace("{path}", encodePath(path)).replace("{branch}", encodePath(git.branch())));
    }

    private static String encodePath(String path) {
        return Arrays.stream(path.split("/", -1))
                .map(segment ->
                        URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    @Override
    public String describe() {
        return "git " + remote.display() + " (branch " + git.branch() + (prefix.isEmpty() ? "" : ", folder " + prefix)
                + ")";
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (repo != null) {
                repo.close();
                repo = null;
            }
            remote.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "GitDocumentSource[" + describe() + "]";
    }

    // ---------------------------------------------------------------------------------------
    // helpers

    private void requireOpen() {
        if (repo == null) {
            throw new IllegalStateException("refresh() has not succeeded yet: there is no clone to read from");
        }
    }

    /**
     * The working-tree file of a source-relative path, refusing paths that leave the source
     * folder or reach into {@code .git}, and symbolic links (which could point anywhere).
     */
    private Path fileOf(String path) throws IOException {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IOException("not a document path: \"" + path + "\"");
        }
        Path root = clone.workdir().resolve(prefix.isEmpty() ? "." : prefix).normalize();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)
                || file.equals(root)
                || file.startsWith(clone.workdir().resolve(Constants.DOT_GIT))) {
            throw new IOException("not a document path: \"" + path + "\"");
        }
        if (Files.isSymbolicLink(file)) {
            throw new IOException(repoPath(path) + " is a symbolic link; only regular files are documents");
        }
        return file;
    }

    private String repoPath(String path) {
        return prefix + path;
    }

    private RevCommit parse(ObjectId id) throws SourceException {
        try (RevWalk walk = new RevWalk(repo.getRepository())) {
            return walk.parseCommit(id == null ? repo.getRepository().resolve(Constants.HEAD) : id);
        } catch (IOException | RuntimeException e) {
            throw new SourceException(
                    "cannot read commit " + (id == null ? "HEAD" : id.name()) + " in " + clone.workdir() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static ObjectId idInTree(RevCommit commit, String repoPath, Repository repository) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repository, repoPath, commit.getTree())) {
            return walk == null ? null : walk.getObjectId(0);
        }
    }

    private ObjectId idInTree(RevCommit commit, String repoPath) throws IOException {
        return idInTree(commit, repoPath, repo.getRepository());
    }

    private static byte[] blob(Repository repository, RevCommit commit, String repoPath) throws IOException {
        ObjectId id = idInTree(commit, repoPath, repository);
        return id == null ? null : repository.open(id, Constants.OBJ_BLOB).getBytes();
    }

    private static String blobId(byte[] content) {
        try (ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
            return formatter.idFor(Constants.OBJ_BLOB, content).name();
        }
    }

    private static boolean isLocalDamage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MissingObjectException || t instanceof CorruptObjectException) {
                return true;
            }
        }
        return false;
    }

    /** The local clone failed in a way that moving it aside and cloning again can cure. */
    private static final class BrokenClone extends Exception {
        BrokenClone(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
