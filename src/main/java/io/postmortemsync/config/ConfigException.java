package io.postmortemsync.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file that cannot be used, with every problem found in it (not just the first),
 * so that one run of the program shows a user everything there is to fix. Messages never hold a
 * secret.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient List<ConfigProblem> problems;

    public ConfigException(Path file, List<ConfigProblem> problems) {
        super(summary(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The configuration file as it was given (possibly relative). */
    public Path file() {
        return file;
    }

    /** Every problem, in the order of the file. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Where a problem is, for messages: {@code config.yaml:12}, or {@code config.yaml} without a line. */
    public String location(ConfigProblem problem) {
        return problem.line() > 0 ? file + ":" + problem.line() : String.valueOf(file);
    }

    private static String summary(Path file, List<ConfigProblem> problems) {
        String lines = problems.stream()
                .map(p -> (p.line() > 0 ? file + ":" + p.line() : String.valueOf(file)) + ": " + p.message())
                .collect(Collectors.joining("\n"));
        return problems.size() == 1 ? lines : problems.size() + " configuration problems:\n" + lines;
    }
}
