package io.postmortemsync.source.git;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * After a person's commit, the daemon's edits are applied again to the person's version. This
 * finds the lines where that overrides the person: lines they changed that the daemon's edit
 * changes again (same cell: the tracker's value wins, and the log must say so).
 */
final class OverlapCheck {

    private static final DiffAlgorithm DIFF = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

    private OverlapCheck() {}

    /**
     * @param before the document as the daemon first edited it
     * @param theirs the document as the concurrent commit left it
     * @param result the daemon's edits applied to {@code theirs}
     * @return the 1-based line numbers (in {@code theirs}) the person changed and the daemon changed again
     */
    static List<Integer> overriddenLines(byte[] before, byte[] theirs, byte[] result) {
        RawText a = new RawText(before);
        RawText b = new RawText(theirs);
        RawText c = new RawText(result);
        EditList theirChanges = DIFF.diff(RawTextComparator.DEFAULT, a, b);
        EditList ourChanges = DIFF.diff(RawTextComparator.DEFAULT, b, c);
        List<Integer> lines = new ArrayList<>();
        // Only lines that exist in their version count: a line they deleted is not there to be
        // overridden, and a line the daemon only inserts overrides nothing.
        for (Edit ours : ourChanges) {
            for (Edit their : theirChanges) {
                int from = Math.max(ours.getBeginA(), their.getBeginB());
                int to = Math.min(ours.getEndA(), their.getEndB());
                for (int line = from; line < to; line++) {
                    if (!lines.contains(line + 1)) {
                        lines.add(line + 1);
                    }
                }
            }
        }
        lines.sort(null);
        return lines;
    }
}
