package io.postmortemsync.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One key of the configuration, read as the type it must have. A problem is recorded, never
 * thrown, and the default (or empty) is returned instead, so that loading goes on and finds every
 * other problem too. A key that is absent, {@code null}, empty, or empty after {@code ${VAR:-}}
 * substitution counts as not given: its default applies.
 */
final class Field {

    static final String DURATION_EXAMPLE = "a duration like 30s, 5m or 1h";

    private final LoadContext ctx;
    private final String path;
    private final YamlNode node;
    private final int line;
    private boolean hasProblem;

    Field(LoadContext ctx, String path, YamlNode node, int line) {
        this.ctx = ctx;
        this.path = path;
        this.node = node;
        this.line = line;
    }

    String keyPath() {
        return path;
    }

    int line() {
        return line;
    }

    /** Present with a value that is not null (it may still be empty after substitution). */
    boolean isWritten() {
        return node != null && !(node instanceof YamlNode.Scalar s && s.isNull());
    }

    /** Records a problem at this key; {@code message} continues the path. */
    void problem(String message) {
        hasProblem = true;
        if (node == null) {
            ctx.problems().missing(path, line, message);
        } else {
            ctx.problems().at(path, line, message);
        }
    }

    /** Whether a problem was recorded at this key (so a "required" message does not pile on). */
    boolean hasProblem() {
        return hasProblem;
    }

    /** The substituted text, or empty when not given or not a scalar ({@code expectation} says what it must be). */
    Optional<Text> text(String expectation) {
        if (!isWritten()) {
            return Optional.empty();
        }
        if (!(node instanceof YamlNode.Scalar scalar)) {
            problem("must be " + expectation + ", not " + node.kind());
            return Optional.empty();
        }
        return switch (Interpolation.apply(scalar.text(), ctx.env())) {
            case Interpolation.Result.Failed failed -> {
                problem(failed.message());
                yield Optional.empty();
            }
            case Interpolation.Result.Substituted s ->
                s.value().isEmpty()
                        ? Optional.empty()
                        : Optional.of(new Text(s.value(), scalar.text(), s.fromEnvironment()));
        };
    }

    Optional<String> string() {
        return text("a text").map(t -> t.value().strip()).filter(s -> !s.isEmpty());
    }

    String string(String defaultValue) {
        return string().orElse(defaultValue);
    }

    boolean bool(boolean defaultValue) {
        return convert("true or false", defaultValue, t -> switch (t.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        });
    }

    int integer(int defaultValue, int min, int max) {
        String expectation = "a whole number from " + min + " to " + max;
        return convert(expectation, defaultValue, t -> {
            try {
                int value = Integer.parseInt(t);
                return value >= min && value <= max ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        });
    }

    /** A duration of at least {@code min}. */
    Duration duration(Duration defaultValue, Duration min) {
        Optional<Text> text = text(DURATION_EXAMPLE);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Optional<Duration> parsed = Durations.parse(text.get().value());
        if (parsed.isEmpty()) {
            problem("must be " + DURATION_EXAMPLE + text.get().got());
            return defaultValue;
        }
        if (parsed.get().compareTo(min) < 0) {
            problem("must be at least " + Durations.format(min) + text.get().got());
            return defaultValue;
        }
        return parsed.get();
    }

    /** A constant of {@code type} by its lowercase name, case-insensitive ({@code DATACENTER} is "datacenter"). */
    <E extends Enum<E>> E choice(E defaultValue, Class<E> type) {
        Map<String, E> choices = new java.util.LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            choices.put(constant.name().toLowerCase(Locale.ROOT), constant);
        }
        return choice(defaultValue, choices);
    }

    /** One of the words of {@code choices} (case-insensitive); messages list them in their order. */
    <T> T choice(T defaultValue, Map<String, T> choices) {
        String expectation = "one of: " + String.join(", ", choices.keySet());
        return convert(expectation, defaultValue, t -> choices.get(t.toLowerCase(Locale.ROOT)));
    }

    /** A list of non-empty texts; {@code example} shows the form in messages, e.g. "[postmortem]". */
    List<String> strings(List<String> defaultValue, String example) {
        if (!isWritten()) {
            return defaultValue;
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            String got = node instanceof YamlNode.Scalar s ? " (got \"" + s.text() + "\")" : ", not " + node.kind();
            problem("must be a list like " + example + got);
            return defaultValue;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlNode item = sequence.items().get(i);
            Field element = new Field(ctx, KeyPath.child(path, i), item, item.line());
            if (item instanceof YamlNode.Scalar s && (s.isNull() || s.text().isBlank())) {
                element.problem("must not be empty");
            }
            // An element that is empty only after ${VAR:-} substitution is left out on purpose.
            element.string().ifPresent(values::add);
        }
        return List.copyOf(values);
    }

    /** The value as a mapping of further keys; an absent section when not given. */
    Section section() {
        if (isWritten() && !(node instanceof YamlNode.Mapping)) {
            problem("must be a mapping (indented key: value lines), not " + node.kind());
            return Section.absent(ctx, path, line);
        }
        return isWritten() ? Section.of(ctx, path, (YamlNode.Mapping) node) : Section.absent(ctx, path, line);
    }

    /** A file or folder; relative to the configuration file's folder, {@code ~/} = the home folder. */
    Optional<Path> path() {
        return string().flatMap(value -> {
            try {
                return Optional.of(resolve(ctx.baseDir(), value));
            } catch (InvalidPathException e) {
                problem("is not a valid path (" + e.getReason() + ")");
                return Optional.empty();
            }
        });
    }

    /** A path as written, not resolved (for paths inside something else, like a git clone). */
    Optional<Path> relativePath() {
        return string().flatMap(value -> {
            try {
                return Optional.of(Path.of(value));
            } catch (InvalidPathException e) {
                problem("is not a valid path (" + e.getReason() + ")");
                return Optional.empty();
            }
        });
    }

    static Path resolve(Path baseDir, String value) {
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"))
                    .resolve(value.substring(Math.min(2, value.length())))
                    .normalize();
        }
        return baseDir.resolve(value).normalize();
    }

    private <T> T convert(String expectation, T defaultValue, Function<String, T> parser) {
        Optional<Text> text = text(expectation);
        if (text.isEmpty()) {
            return defaultValue;
        }
        T value = parser.apply(text.get().value().strip());
        if (value == null) {
            problem("must be " + expectation + text.get().got());
            return defaultValue;
        }
        return value;
    }
}
