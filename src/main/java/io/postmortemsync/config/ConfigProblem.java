package io.postmortemsync.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file.
 *
 * @param path the key path in JSON-pointer form ({@code /sync/interval}, {@code /source/include/0}),
 *     or empty when the problem concerns the file as a whole (not found, YAML syntax)
 * @param line the 1-based line in the file, or 0 when the problem has no place in it (a missing
 *     section)
 * @param message the whole message, starting with the key path when there is one, e.g.
 *     {@code /sync/interval must be a duration like 30s, 5m or 1h (got "5 minutes")}; never holds
 *     a secret
 */
public record ConfigProblem(String path, int line, String message) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
