package io.postmortemsync.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one load, so that the user sees all of them at once. */
final class Problems {

    private final List<ConfigProblem> problems = new ArrayList<>();

    /** A problem at a key; {@code message} continues the path, e.g. "must be a duration like 5m". */
    void at(String path, int line, String message) {
        String separator = message.startsWith(":") || message.startsWith(",") ? "" : " ";
        problems.add(new ConfigProblem(path, line, KeyPath.show(path) + separator + message));
    }

    /** A problem with the file as a whole (not found, YAML syntax). */
    void ofFile(int line, String message) {
        problems.add(new ConfigProblem("", line, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems in file order; those without a line (missing sections) last. */
    List<ConfigProblem> sorted() {
        List<ConfigProblem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparingInt((ConfigProblem p) -> p.line() > 0 ? p.line() : Integer.MAX_VALUE));
        return List.copyOf(copy);
    }
}
