package io.postmortemsync.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one load, so that the user sees all of them at once. */
final class Problems {

    /** A problem and whether it is about a key that is not in the file (those sort after the others of a line). */
    private record Entry(ConfigProblem problem, boolean missingKey) {}

    private final List<Entry> problems = new ArrayList<>();

    /** A problem at a key; {@code message} continues the path, e.g. "must be a duration like 5m". */
    void at(String path, int line, String message) {
        add(path, line, message, false);
    }

    /** A problem about a key the file does not have ("is required"); {@code line} is its section's. */
    void missing(String path, int line, String message) {
        add(path, line, message, true);
    }

    private void add(String path, int line, String message, boolean missingKey) {
        String separator = message.startsWith(":") || message.startsWith(",") ? "" : " ";
        problems.add(new Entry(new ConfigProblem(path, line, KeyPath.show(path) + separator + message), missingKey));
    }

    /** A problem with the file as a whole (not found, YAML syntax). */
    void ofFile(int line, String message) {
        problems.add(new Entry(new ConfigProblem("", line, message), false));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * The problems in file order: by line (those without one last), on one line the problems of
     * written keys before those of missing keys, otherwise in the order they were found.
     */
    List<ConfigProblem> sorted() {
        return problems.stream()
                .sorted(Comparator.comparingInt((Entry e) ->
                                e.problem().line() > 0 ? e.problem().line() : Integer.MAX_VALUE)
                        .thenComparing(Entry::missingKey))
                .map(Entry::problem)
                .toList();
    }
}
