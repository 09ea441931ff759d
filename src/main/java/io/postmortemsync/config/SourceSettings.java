package io.postmortemsync.config;

import io.postmortemsync.source.PathFilter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code /source}: where the documents live (a folder, or a git repository). */
final class SourceSettings {

    static final String DEFAULT_PATH = "postmortems";
    static final List<String> DEFAULT_INCLUDE = List.of("**/*.md");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private SourceSettings() {}

    static SourceConfig read(Section source, LoadContext ctx) {
        SourceConfig.SourceType type =
                source.field("type").choice(SourceConfig.SourceType.DIRECTORY, SourceConfig.SourceType.class);
        boolean git = type == SourceConfig.SourceType.GIT;

        Field pathField = source.field("path");
        Path path = git
                ? pathInsideRepository(pathField)
                : pathField.path().orElse(ctx.baseDir().resolve(DEFAULT_PATH));

        Field includeField = source.field("include");
        List<String> include = globs(includeField, includeField.strings(DEFAULT_INCLUDE, "[\"**/*.md\"]"));
        if (includeField.isWritten() && include.isEmpty()) {
            includeField.problem(
                    "must list at least one pattern, or nothing would ever be read (default [\"**/*.md\"])");
        }
        Field excludeField = source.field("exclude");
        List<String> exclude = globs(excludeField, excludeField.strings(List.of(), "[\"drafts/**\"]"));

        String linkTemplate = linkTemplate(source.field("linkTemplate"), git);

        Section gitSection = source.field("git").section();
        GitConfig gitConfig = null;
        if (git) {
            gitConfig = GitSettings.read(gitSection, ctx);
        } else if (gitSection.isWritten()) {
            gitSection.problem("is only used when /source/type is git (it is directory here)");
        }
        source.rejectUnknownKeys();
        return new SourceConfig(type, path, include, exclude, linkTemplate, gitConfig);
    }

    /** For git, the documents folder is inside the clone: relative, and never above its root. */
    private static Path pathInsideRepository(Field field) {
        Path path = field.relativePath().orElse(Path.of(DEFAULT_PATH));
        Path normalized = path.normalize();
        if (path.isAbsolute() || normalized.startsWith("..")) {
            field.problem("must be a folder inside the git repository, like postmortems or . for its root (got \""
                    + path + "\")");
            return Path.of(DEFAULT_PATH);
        }
        return normalized.toString().isEmpty() ? Path.of(".") : normalized;
    }

    private static List<String> globs(Field field, List<String> patterns) {
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            try {
                // Validate with the matcher the sources use, so what passes here also works there.
                PathFilter.of(List.of(pattern), List.of());
                valid.add(pattern);
            } catch (IllegalArgumentException e) {
                field.problem("has a pattern that is not a valid glob: " + e.getMessage());
            }
        }
        return valid;
    }

    /**
     * The document link template must name {@code {path}} (else every ticket would link to the
     * same page) and, filled in, be an absolute http(s) URL.
     */
    private static String linkTemplate(Field field, boolean git) {
        String template = field.string().orElse(null);
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        boolean hasPath = false;
        boolean ok = true;
        while (m.find()) {
            switch (m.group(1)) {
                case "path" -> hasPath = true;
                case "branch" -> {
                    if (!git) {
                        field.problem("uses {branch}, which only a git source has");
                        ok = false;
                    }
                }
                default -> {
                    field.problem("uses {" + m.group(1) + "}; the placeholders are {path} and {branch}");
                    ok = false;
                }
            }
        }
        if (!hasPath) {
            field.problem("must contain {path}, the document's path relative to /source/path");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        String sample = template.replace("{path}", "a/b.md").replace("{branch}", "main");
        try {
            URI uri = new URI(sample);
            if (!uri.isAbsolute()
                    || uri.getHost() == null
                    || !(uri.getScheme().equalsIgnoreCase("https")
                            || uri.getScheme().equalsIgnoreCase("http"))) {
                field.problem(
                        "must be an absolute http(s) URL like https://git.example.com/acme/postmortems/blob/main/{path}");
                ok = false;
            }
        } catch (URISyntaxException e) {
            field.problem("is not a valid URL (" + e.getReason() + ")");
            ok = false;
        }
        return ok ? template : null;
    }
}
