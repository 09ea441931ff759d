package io.postmortemsync.sync;

import io.postmortemsync.sync.PassReport.Action;
import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.sync.PassReport.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects what a pass does, item by item, into the actions, summary and errors of its report. */
final class ReportBuilder {

    private final List<Action> actions = new ArrayList<>();
    private final List<Problem> itemProblems = new ArrayList<>();
    private final List<Problem> passProblems = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    void action(ItemPlan plan, Op op, String ticket, String detail) {
        actions.add(new Action(
                op, plan.file(), plan.item().line(), plan.item().syncKey().value(), ticket, detail));
    }

    /**
     * The item's write-back did not make it after all (the source could not publish it): its
     * {@code writeBack} actions become {@code skip} actions saying why, so the report and its
     * counts say what really happened.
     */
    void retractWriteBack(ItemPlan plan, String reason) {
        String syncKey = plan.item().syncKey().value();
        actions.replaceAll(a -> a.op() == Op.WRITE_BACK
                        && a.file().equals(plan.file())
                        && a.line() == plan.item().line()
                        && a.syncKey().equals(syncKey)
                ? new Action(Op.SKIP, a.file(), a.line(), a.syncKey(), a.ticket(), reason)
                : a);
    }

    /** The item could not be synced: an error with its file and line, and it counts as failed. */
    void failure(ItemPlan plan, String message) {
        itemProblems.add(Problem.error(plan.file(), plan.item().line(), message));
        failed.add(id(plan));
    }

    void warning(ItemPlan plan, String message) {
        itemProblems.add(Problem.warning(plan.file(), plan.item().line(), message));
    }

    /** A problem of a document or of the whole pass. */
    void problem(Problem problem) {
        passProblems.add(problem);
    }

    boolean anyFailed() {
        return !failed.isEmpty();
    }

    /** Actions in document and line order; an item's own actions keep the order they happened in. */
    List<Action> actions() {
        List<Action> sorted = new ArrayList<>(actions);
        sorted.sort(Comparator.comparing(Action::file).thenComparingInt(Action::line));
        return sorted;
    }

    /** Problems of the whole pass first, then by file and line. */
    List<Problem> errors(List<Problem> documentProblems) {
        List<Problem> all = new ArrayList<>(documentProblems.size() + itemProblems.size() + passProblems.size());
        all.addAll(passProblems);
        all.addAll(documentProblems);
        all.addAll(itemProblems);
        all.sort(DocumentCatalog.PROBLEM_ORDER);
        return all;
    }

    PassReport.Summary summary(int items) {
        int created = 0;
        int adopted = 0;
        int linked = 0;
        int writtenBack = 0;
        for (Action a : actions) {
            switch (a.op()) {
                case CREATE -> created++;
                case ADOPT -> adopted++;
                case LINK -> linked++;
                case WRITE_BACK -> writtenBack++;
                case SKIP -> {}
            }
        }
        Set<String> touched = new HashSet<>(failed);
        for (Action a : actions) {
            if (a.op() != Op.SKIP) {
                touched.add(a.file() + '\u0000' + a.syncKey());
            }
        }
        return new PassReport.Summary(
                created, adopted, linked, writtenBack, Math.max(0, items - touched.size()), failed.size());
    }

    private static String id(ItemPlan plan) {
        return plan.file() + '\u0000' + plan.item().syncKey().value();
    }
}
