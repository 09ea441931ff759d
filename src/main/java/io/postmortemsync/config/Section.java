package io.postmortemsync.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A mapping of the configuration (the whole file, {@code /tracker}, {@code /tracker/auth}, ...).
 * Every key read through it is remembered, so that {@link #rejectUnknownKeys()} can name each
 * key nobody asked for: a typo must never be silently ignored.
 */
final class Section {

    /** A secret file larger than this is not a token: probably the wrong file. */
    static final long MAX_SECRET_FILE_BYTES = 64 * 1024;

    private final LoadContext ctx;
    private final String path;
    private final YamlNode.Mapping mapping;
    private final int line;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<Field> fields = new java.util.ArrayList<>();

    private Section(LoadContext ctx, String path, YamlNode.Mapping mapping, int line) {
        this.ctx = ctx;
        this.path = path;
        this.mapping = mapping;
        this.line = line;
    }

    static Section of(LoadContext ctx, String path, YamlNode.Mapping mapping) {
        return new Section(ctx, path, mapping, mapping.line());
    }

    /** A section the file does not have: every field reads as not given. */
    static Section absent(LoadContext ctx, String path, int line) {
        return new Section(ctx, path, null, line);
    }

    boolean isWritten() {
        return mapping != null;
    }

    boolean isEmpty() {
        return mapping == null || mapping.entries().isEmpty();
    }

    String keyPath() {
        return path;
    }

    int line() {
        return line;
    }

    /** Records a problem at this section's path. */
    void problem(String message) {
        if (mapping == null) {
            ctx.problems().missing(path, line, message);
        } else {
            ctx.problems().at(path, line, message);
        }
    }

    Field field(String key) {
        known.add(key);
        YamlNode.Entry entry = mapping == null ? null : mapping.entries().get(key);
        Field field = entry == null
                ? new Field(ctx, KeyPath.child(path, key), null, line)
                : new Field(ctx, KeyPath.child(path, key), entry.value(), entry.line());
        fields.add(field);
        return field;
    }

    /** Whether one of {@code keys} had a problem. */
    boolean hasProblemAt(String... keys) {
        Set<String> paths = new java.util.HashSet<>();
        for (String key : keys) {
            paths.add(KeyPath.child(path, key));
        }
        return fields.stream().anyMatch(f -> f.hasProblem() && paths.contains(f.keyPath()));
    }

    /** Whether a key read so far had a problem (so that "X is required" does not pile on). */
    boolean hasFieldProblems() {
        return fields.stream().anyMatch(Field::hasProblem);
    }

    /** Every entry, for mappings whose keys are data (user names, status names), not settings. */
    Map<String, Field> entries() {
        Map<String, Field> fields = new LinkedHashMap<>();
        if (mapping != null) {
            mapping.entries().keySet().forEach(key -> fields.put(key, field(key)));
        }
        return fields;
    }

    /**
     * A secret, written inline ({@code apiToken: ...}) or read from a file ({@code apiTokenFile:
     * /run/secrets/token}, one trailing newline removed), as Kubernetes mounts secrets.
     */
    Optional<Secret> secret(String key) {
        return inlineOrFile(key).map(Secret::of);
    }

    /** A value that is not secret but may come from a file like a secret (an email from a mounted secret). */
    Optional<String> stringOrFile(String key) {
        return inlineOrFile(key);
    }

    private Optional<String> inlineOrFile(String key) {
        Field inline = field(key);
        Field file = field(key + "File");
        if (inline.isWritten() && file.isWritten()) {
            inline.problem("and " + file.keyPath() + " are both given: use one");
            return Optional.empty();
        }
        if (file.isWritten()) {
            return file.path().flatMap(p -> readSecretFile(file, p));
        }
        // Only "a text" is ever said about an inline secret: its value never goes into a message.
        return inline.text("a text").map(Text::value);
    }

    private static Optional<String> readSecretFile(Field field, Path file) {
        try {
            if (Files.isDirectory(file)) {
                field.problem("names " + file + ", which is a folder, not a file");
                return Optional.empty();
            }
            if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
                field.problem(
                        "names " + file + ", which is larger than 64 KiB: not a credential, is it the right file?");
                return Optional.empty();
            }
            String content;
            try {
                content = StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (CharacterCodingException e) {
                field.problem("names " + file + ", which is not UTF-8 text");
                return Optional.empty();
            }
            // `echo token > file` and Kubernetes secrets created from such files end with one newline.
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            } else if (content.endsWith("\n")) {
                content = content.substring(0, content.length() - 1);
            }
            if (content.isEmpty()) {
                field.problem("names " + file + ", which is empty");
                return Optional.empty();
            }
            return Optional.of(content);
        } catch (IOException e) {
            field.problem("names " + file + ", which cannot be read (" + FileErrors.describe(e) + ")");
            return Optional.empty();
        }
    }

    /** Reports every key of this section that no reader asked for, with a suggestion for typos. */
    void rejectUnknownKeys() {
        if (mapping == null) {
            return;
        }
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!known.contains(entry.key())) {
                ctx.problems()
                        .at(
                                KeyPath.child(path, entry.key()),
                                entry.line(),
                                "is not a known key" + suggestion(entry.key()));
            }
        }
    }

    private String suggestion(String unknown) {
        String folded = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3; // more than two edits away is not a typo
        for (String candidate : known) {
            int distance = editDistance(candidate.toLowerCase(Locale.ROOT), folded);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null) {
            return " (did you mean " + best + "?)";
        }
        return known.isEmpty() ? "" : " (known keys: " + String.join(", ", List.copyOf(known)) + ")";
    }

    /** Levenshtein distance; keys are short, so the quadratic table is fine. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
