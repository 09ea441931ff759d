package io.postmortemsync.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the project's Markdown documents (the README, a file under {@code docs/}), read the way
 * GitHub shows it, for tests that hold the documentation to the code: its sections, the anchors
 * of its headings, its links. Headings and links inside fenced code blocks (example documents) do
 * not count.
 *
 * @param path the file, relative to the project's root folder (where the build runs)
 * @param lines its lines
 */
public record MarkdownFile(Path path, List<String> lines) {

    /** The folder of every document the README links to. */
    public static final Path DOCS = Path.of("docs");

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    public MarkdownFile {
        lines = List.copyOf(lines);
    }

    public static MarkdownFile read(Path path) {
        try {
            return new MarkdownFile(path, Files.readAllLines(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MarkdownFile readme() {
        return read(Path.of("README.md"));
    }

    /** A file under {@code docs/}, e.g. {@code doc("metrics-and-alerts.md")}. */
    public static MarkdownFile doc(String name) {
        return read(DOCS.resolve(name));
    }

    /**
     * A heading outside code blocks.
     *
     * @param level 1 for {@code #}, 2 for {@code ##} …
     * @param title its text as written
     * @param index the index of its line
     */
    public record Heading(int level, String title, int index) {}

    public List<Heading> headings() {
        List<Heading> headings = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isFence(line)) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inFence && heading.matches()) {
                headings.add(new Heading(heading.group(1).length(), heading.group(2), i));
            }
        }
        return headings;
    }

    /**
     * The lines from the heading {@code title} (at any level) up to the next heading of the same
     * or a higher level, so a {@code #} title runs to the end of its file.
     *
     * @throws AssertionError when the file has no such heading
     */
    public String section(String title) {
        List<Heading> headings = headings();
        for (int h = 0; h < headings.size(); h++) {
            Heading start = headings.get(h);
            if (!start.title().equals(title)) {
                continue;
            }
            int end = lines.size();
            for (Heading next : headings.subList(h + 1, headings.size())) {
                if (next.level() <= start.level()) {
                    end = next.index();
                    break;
                }
            }
            StringBuilder section = new StringBuilder();
            lines.subList(start.index(), end).forEach(l -> section.append(l).append('\n'));
            return section.toString();
        }
        throw new AssertionError(path + " has no heading \"" + title + "\"");
    }

    /**
     * The anchors GitHub gives the headings: lowercase, punctuation (and the backticks of inline
     * code) dropped, spaces to dashes, and {@code -1}, {@code -2} … after a repeated one.
     */
    public Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Heading heading : headings()) {
            String slug = heading.title()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                    .replace(' ', '-');
            int repeats = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
        }
        return anchors;
    }

    /** The targets of the inline links and images outside code ({@code [text](target)}), in order. */
    public List<String> links() {
        List<String> links = new ArrayList<>();
        boolean inFence = false;
        for (String line : lines) {
            if (isFence(line)) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                links.add(link.group(1));
            }
        }
        return links;
    }

    private static boolean isFence(String line) {
        return line.stripLeading().startsWith("```");
    }
}
