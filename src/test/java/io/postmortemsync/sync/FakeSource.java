package io.postmortemsync.sync;

import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * An in-memory document source that behaves like the real ones where the engine can tell: versions
 * change with content, {@link #update} re-applies the edit when somebody changed the document
 * between its read and its write, and writes can fail like a locked file.
 */
final class FakeSource implements DocumentSource {

    private final Map<String, byte[]> files = new TreeMap<>();
    private final Map<String, Integer> versions = new HashMap<>();
    private final Set<String> locked = new HashSet<>();
    private final Set<String> unreadable = new HashSet<>();
    private final Map<String, UnaryOperator<String>> personEdits = new HashMap<>();
    private final List<String> written = new ArrayList<>();
    private final List<String> descriptions = new ArrayList<>();
    private int reads;
    private final Object writeSignal = new Object();
    private int writes;
    private int publishes;
    private boolean down;
    private final boolean links;
    /** This pass's edits, applied again at publish when a person changed documents meanwhile (as git does). */
    private final List<Map.Entry<String, DocumentEdit>> unpublished = new ArrayList<>();

    private Runnable beforePublish;
    private final List<UpdateResult.Rejected> rejectAtPublish = new ArrayList<>();

    FakeSource(boolean links) {
        this.links = links;
    }

    FakeSource() {
        this(false);
    }

    void put(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        versions.merge(path, 1, Integer::sum);
    }

    String text(String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }

    Map<String, byte[]> snapshot() {
        Map<String, byte[]> copy = new TreeMap<>();
        files.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    boolean sameAs(Map<String, byte[]> snapshot) {
        if (!snapshot.keySet().equals(files.keySet())) {
            return false;
        }
        return snapshot.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), files.get(e.getKey())));
    }

    /** Listed, but reading it fails (a file without read permission); {@code false} undoes it. */
    void unreadable(String path, boolean unreadable) {
        if (unreadable) {
            this.unreadable.add(path);
        } else {
            this.unreadable.remove(path);
        }
    }

    void lock(String path) {
        locked.add(path);
    }

    void unlock(String path) {
        locked.remove(path);
    }

    /** A person edits the document after the engine read it and before its write lands. */
    void editDuringNextWrite(String path, UnaryOperator<String> edit) {
        personEdits.put(path, edit);
    }

    void remove(String path) {
        files.remove(path);
        versions.remove(path);
    }

    /**
     * A person pushes between the pass's writes and its publish: the source then applies the
     * pass's edits again to the person's content, like the git source after a rejected push,
     * and reports those it cannot apply (the document is gone) as rejected.
     */
    void beforeNextPublish(Runnable person) {
        this.beforePublish = person;
    }

    /** The next publish reports this rejection too (an edit of an earlier pass that no longer applies). */
    void rejectAtNextPublish(String path, String reason) {
        rejectAtPublish.add(new UpdateResult.Rejected(path, reason));
    }

    void goDown() {
        down = true;
    }

    /** Paths written, in order, once per write. */
    List<String> written() {
        return written;
    }

    /** Waits (on a monitor, not sleeping) until this many documents were written in all; returns how many were. */
    int awaitWrites(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (writeSignal) {
            while (writes < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(writeSignal, left);
            }
            return writes;
        }
    }

    List<String> descriptions() {
        return descriptions;
    }

    int reads() {
        return reads;
    }

    int publishes() {
        return publishes;
    }

    void clearCounts() {
        written.clear();
        descriptions.clear();
        reads = 0;
        publishes = 0;
    }

    @Override
    public List<DocumentRef> refresh() throws SourceException {
        if (down) {
            throw new SourceException("the folder /nowhere does not exist");
        }
        return files.keySet().stream()
                .map(p -> new DocumentRef(p, String.valueOf(versions.get(p))))
                .toList();
    }

    @Override
    public byte[] read(String path) throws IOException {
        reads++;
        if (unreadable.contains(path)) {
            throw new IOException(path + ": permission denied");
        }
        byte[] content = files.get(path);
        if (content == null) {
            throw new IOException(path + ": no such file");
        }
        return content.clone();
    }

    @Override
    public UpdateResult update(String path, DocumentEdit edit, List<String> description) throws IOException {
        if (locked.contains(path)) {
            throw new IOException(path + " is locked by another process");
        }
        byte[] before = files.get(path);
        byte[] after;
        try {
            after = edit.apply(before.clone());
            UnaryOperator<String> person = personEdits.remove(path);
            if (person != null) {
                // The person saved between our read and our write: apply the edit again to their content.
                put(path, person.apply(text(path)));
                after = edit.apply(files.get(path).clone());
                before = files.get(path);
            }
        } catch (EditRejected e) {
            return new UpdateResult.Rejected(path, e.getMessage());
        }
        if (Arrays.equals(before, after)) {
            return new UpdateResult.Unchanged(path);
        }
        files.put(path, after);
        versions.merge(path, 1, Integer::sum);
        unpublished.add(Map.entry(path, edit));
        written.add(path);
        descriptions.addAll(description);
        synchronized (writeSignal) {
            writes++;
            writeSignal.notifyAll();
        }
        return new UpdateResult.Written(path, String.valueOf(versions.get(path)));
    }

    @Override
    public PublishResult publish() {
        publishes++;
        List<UpdateResult.Rejected> rejected = new ArrayList<>(rejectAtPublish);
        rejectAtPublish.clear();
        Runnable person = beforePublish;
        beforePublish = null;
        if (person != null) {
            person.run();
            for (Map.Entry<String, DocumentEdit> e : unpublished) {
                byte[] theirs = files.get(e.getKey());
                if (theirs == null) {
                    rejected.add(
                            new UpdateResult.Rejected(e.getKey(), "the document was deleted by a concurrent commit"));
                    continue;
                }
                try {
                    byte[] again = e.getValue().apply(theirs.clone());
                    if (!Arrays.equals(again, theirs)) {
                        files.put(e.getKey(), again);
                        versions.merge(e.getKey(), 1, Integer::sum);
                    }
                } catch (EditRejected rejection) {
                    rejected.add(new UpdateResult.Rejected(e.getKey(), rejection.getMessage()));
                }
            }
        }
        int documents =
                (int) unpublished.stream().map(Map.Entry::getKey).distinct().count();
        unpublished.clear();
        return documents == 0
                ? new PublishResult.NothingToPublish(rejected)
                : new PublishResult.Published(null, documents, rejected);
    }

    @Override
    public Optional<String> linkFor(String path) {
        return links ? Optional.of("https://git.example.com/pm/blob/main/" + path) : Optional.empty();
    }

    @Override
    public String describe() {
        return "in-memory documents";
    }
}
