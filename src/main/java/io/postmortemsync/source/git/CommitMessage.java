package io.postmortemsync.source.git;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The message of a write-back commit: a subject line, then one line per change naming the
 * document by its path in the repository, e.g.
 *
 * <pre>
 * postmortem-sync: write back 2 changes to 1 postmortem
 *
 * OPS-123: Not Started -&gt; In Progress (postmortems/2025-04-10-payments.md)
 * OPS-124: ticket key added (postmortems/2025-04-10-payments.md)
 * </pre>
 */
final class CommitMessage {

    private CommitMessage() {}

    /**
     * @param edits the edits in the order they were made, each with its {@code changed} flag
     * @param repoPathOf maps a source-relative path to its path in the repository
     * @param committed the repository paths whose content the commit changes; edits of other
     *     documents (whose changes cancelled out) are not listed
     */
    static String of(List<PendingEdit> edits, UnaryOperator<String> repoPathOf, Set<String> committed) {
        List<String> lines = new ArrayList<>();
        Set<String> documents = new LinkedHashSet<>();
        for (PendingEdit edit : edits) {
            String repoPath = repoPathOf.apply(edit.path());
            if (!edit.changed() || !committed.contains(repoPath)) {
                continue;
            }
            documents.add(repoPath);
            if (edit.description().isEmpty()) {
                lines.add("updated (" + repoPath + ")");
            }
            for (String line : edit.description()) {
                lines.add(oneLine(line) + " (" + repoPath + ")");
            }
        }
        String subject = "postmortem-sync: write back " + plural(lines.size(), "change") + " to "
                + plural(documents.size(), "postmortem");
        return subject + "\n\n" + String.join("\n", lines) + "\n";
    }

    private static String oneLine(String text) {
        // A line break in a description (a status name, say) must not break the message's shape.
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
