package io.postmortemsync.source;

import java.util.regex.Pattern;

/**
 * A glob over {@code /}-separated relative paths: {@code *} and {@code ?} stay within one folder,
 * {@code **} crosses folders, {@code {a,b}} and {@code [abc]} as usual. Unlike
 * {@link java.nio.file.PathMatcher}, {@code **}{@code /} also matches no folder at all, so
 * {@code **}{@code /*.md} matches {@code a.md} at the top as well as {@code 2025/a.md}.
 */
final class Glob {

    private final String glob;
    private final Pattern pattern;

    private Glob(String glob, Pattern pattern) {
        this.glob = glob;
        this.pattern = pattern;
    }

    static Glob of(String glob) {
        String g = glob.strip();
        while (g.startsWith("/")) {
            g = g.substring(1);
        }
        if (g.startsWith("./")) {
            g = g.substring(2);
        }
        StringBuilder regex = new StringBuilder();
        boolean inBraces = false;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                        if (i + 2 < g.length() && g.charAt(i + 2) == '/') {
                            regex.append("(?:.*/)?");
                            i += 2;
                        } else {
                            regex.append(".*");
                            i++;
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '{' -> {
                    inBraces = true;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (inBraces) {
                        inBraces = false;
                        regex.append(')');
                    } else {
                        regex.append("\\}");
                    }
                }
                case ',' -> regex.append(inBraces ? "|" : ",");
                case '[' -> {
                    int close = g.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String body = g.substring(i + 1, close);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        regex.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < g.length()) {
                        regex.append(Pattern.quote(String.valueOf(g.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(glob, Pattern.compile(regex.toString()));
    }

    boolean matches(String relativePath) {
        return pattern.matcher(relativePath).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
