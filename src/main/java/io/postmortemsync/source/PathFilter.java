package io.postmortemsync.source;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides which documents a source lists: {@code source.include} and {@code source.exclude}
 * globs, matched against paths relative to {@code source.path} with {@code /} separators.
 *
 * <p>Glob syntax: {@code *} any characters but {@code /}, {@code ?} one such character,
 * {@code **} any characters including {@code /}, {@code {a,b}} alternatives, {@code [abc]} a
 * character class. Unlike {@link java.nio.file.FileSystem#getPathMatcher}, a leading
 * {@code **}{@code /} also matches nothing, so {@code **}{@code /*.md} matches
 * {@code 2025-04-10-payments.md} at the top as well as {@code 2025/2025-04-10-payments.md}
 * (that is what people mean when they write it, and what git's own globs do).
 */
public final class PathFilter {

    /** What {@code source.include} means when it is empty. */
    public static final List<String> DEFAULT_INCLUDE = List.of("**/*.md");

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    private PathFilter(List<Pattern> include, List<Pattern> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /**
     * @param include globs of paths to list; empty means {@link #DEFAULT_INCLUDE}
     * @param exclude globs of paths to leave out even when included
     * @throws IllegalArgumentException naming the glob when one is malformed
     */
    public static PathFilter of(List<String> include, List<String> exclude) {
        List<String> includes = include == null || include.isEmpty() ? DEFAULT_INCLUDE : include;
        List<String> excludes = exclude == null ? List.of() : exclude;
        return new PathFilter(
                includes.stream().map(PathFilter::compile).toList(),
                excludes.stream().map(PathFilter::compile).toList());
    }

    /** Whether the document at this relative path ({@code /} separators) is listed. */
    public boolean matches(String relativePath) {
        Objects.requireNonNull(relativePath, "relativePath");
        return include.stream().anyMatch(p -> p.matcher(relativePath).matches())
                && exclude.stream().noneMatch(p -> p.matcher(relativePath).matches());
    }

    /** Compiles one glob to an anchored regular expression. */
    static Pattern compile(String glob) {
        Objects.requireNonNull(glob, "glob");
        // "/drafts/**" and "./drafts/**" mean the same as "drafts/**": paths are relative to the root.
        String g = glob.strip().replaceFirst("^(?:\\./|/)+", "");
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                        boolean slashFollows = i + 2 < g.length() && g.charAt(i + 2) == '/';
                        boolean atSegmentStart = i == 0 || g.charAt(i - 1) == '/';
                        if (slashFollows && atSegmentStart) {
                            regex.append("(?:.*/)?"); // "**/" : any number of folders, also none
                            i += 2;
                        } else {
                            regex.append(".*");
                            i += 1;
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '{' -> {
                    braces++;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException("glob \"" + glob + "\" has a '}' without its '{'");
                    }
                    braces--;
                    regex.append(')');
                }
                case ',' -> regex.append(braces > 0 ? "|" : ",");
                case '[' -> {
                    int end = g.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("glob \"" + glob + "\" has a '[' without its ']'");
                    }
                    String body = g.substring(i + 1, end);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    regex.append('[')
                            .append(body.replace("\\", "\\\\").replace("[", "\\["))
                            .append(']');
                    i = end;
                }
                case '\\' -> {
                    if (i + 1 < g.length()) {
                        regex.append(Pattern.quote(String.valueOf(g.charAt(++i))));
                    } else {
                        regex.append("\\\\");
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("glob \"" + glob + "\" has a '{' without its '}'");
        }
        return Pattern.compile(regex.toString());
    }
}
