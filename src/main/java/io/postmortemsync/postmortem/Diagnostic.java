package io.postmortemsync.postmortem;

import java.util.Locale;
import java.util.Objects;

/**
 * A problem found in a document, with where it is. Text form:
 * {@code path/to/file.md:42: error: Status must be one of: ...}.
 *
 * @param file the document as shown to users
 * @param line 1-based line, or 0 when the problem concerns the whole file
 */
public record Diagnostic(String file, int line, Level level, String message) {

    public enum Level {
        ERROR,
        WARNING;

        /** {@code error} / {@code warning}, as text output and JSON show it. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(String file, int line, String message) {
        return new Diagnostic(file, line, Level.ERROR, message);
    }

    public static Diagnostic warning(String file, int line, String message) {
        return new Diagnostic(file, line, Level.WARNING, message);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    /** {@code file:line: level: message}, the form compilers and editors understand. */
    public String format() {
        return line > 0
                ? file + ":" + line + ": " + level.id() + ": " + message
                : file + ": " + level.id() + ": " + message;
    }
}
