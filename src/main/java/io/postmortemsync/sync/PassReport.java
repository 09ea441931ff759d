package io.postmortemsync.sync;

import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one pass did (or, for {@code plan}, would do). This one value is what {@code plan} and
 * {@code sync} print (DESIGN.md §4: {@code actions}, {@code summary}, {@code errors}) and what the
 * daemon logs, so the three never disagree.
 *
 * @param mode whether the pass changed anything
 * @param kind how the tracker side was read
 * @param outcome success, partial (some items failed) or failure (the pass could not complete)
 * @param startedAt when the pass started (engine clock)
 * @param duration how long it took
 * @param documents documents read
 * @param items action items in them
 * @param actions what was (or would be) done, in document and line order
 * @param summary the counts of §4
 * @param errors problems in documents read in this pass and failures of this pass
 */
public record PassReport(
        Mode mode,
        Kind kind,
        PassOutcome outcome,
        Instant startedAt,
        Duration duration,
        int documents,
        int items,
        List<Action> actions,
        Summary summary,
        List<Problem> errors) {

    public PassReport {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        actions = List.copyOf(actions);
        errors = List.copyOf(errors);
    }

    /** {@code sync} applies the plan; {@code plan} only computes it. */
    public enum Mode {
        PLAN,
        SYNC
    }

    /** How the tracker side was read in this pass. */
    public enum Kind {
        /** Every ticket the documents reference was read, and the daemon's tickets listed. */
        FULL,
        /** Only tickets updated since the previous pass, and new references. */
        INCREMENTAL,
        /** {@code tracker.type: none}: no tracker calls at all. */
        OFFLINE,
        /** The pass stopped before it read the tracker (the document source failed). */
        NONE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The {@code op} values of §4. */
    public enum Op {
        CREATE("create"),
        ADOPT("adopt"),
        WRITE_BACK("writeBack"),
        LINK("link"),
        SKIP("skip");

        private final String id;

        Op(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * One operation on one action item.
     *
     * @param file the document, as the source names it
     * @param line the item's line
     * @param syncKey the item's sync key
     * @param ticket the ticket concerned, or null (a ticket {@code plan} would create has no key yet)
     * @param detail one line for people
     */
    public record Action(Op op, String file, int line, String syncKey, String ticket, String detail) {
        public Action {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The counts of §4; {@code failed} counts items, the others count operations. */
    public record Summary(int created, int adopted, int linked, int writtenBack, int unchanged, int failed) {}

    /**
     * A problem with where it is.
     *
     * @param file the document, or null for a problem of the whole pass (tracker unreachable)
     * @param line 1-based line, 0 when the problem concerns the whole file or pass
     */
    public record Problem(String file, int line, Diagnostic.Level severity, String message) {
        public Problem {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(message, "message");
        }

        static Problem of(Diagnostic d) {
            return new Problem(d.file(), d.line(), d.level(), d.message());
        }

        static Problem error(String file, int line, String message) {
            return new Problem(file, line, Diagnostic.Level.ERROR, message);
        }

        static Problem warning(String file, int line, String message) {
            return new Problem(file, line, Diagnostic.Level.WARNING, message);
        }

        public boolean isError() {
            return severity == Diagnostic.Level.ERROR;
        }

        /** {@code file:line: error: message}, or {@code error: message} for the whole pass. */
        public String format() {
            String where = file == null ? "" : line > 0 ? file + ":" + line + ": " : file + ": ";
            return where + severity.id() + ": " + message;
        }
    }

    /** Whether some item failed (the exit code of {@code sync} is 1 then). */
    public boolean hasFailures() {
        return outcome != PassOutcome.SUCCESS;
    }
}
