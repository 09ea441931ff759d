package io.postmortemsync.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A top-level ({@code ## }) section of the README, for tests that hold the README to the code. */
public final class ReadmeSection {

    public static final Path README = Path.of("README.md");

    private ReadmeSection() {}

    /**
     * The lines from the {@code ## title} heading up to the next {@code ## } heading, headings
     * inside fenced code blocks (example documents) not counting.
     *
     * @throws AssertionError when the README has no such section
     */
    public static String of(String title) {
        List<String> lines;
        try {
            lines = Files.readAllLines(README);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder section = null;
        boolean inFence = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            }
            boolean topHeading = !inFence && line.startsWith("## ");
            if (topHeading && section != null) {
                break;
            }
            if (topHeading && line.substring(3).strip().equals(title)) {
                section = new StringBuilder();
            }
            if (section != null) {
                section.append(line).append('\n');
            }
        }
        if (section == null) {
            throw new AssertionError("README.md has no \"## " + title + "\" section");
        }
        return section.toString();
    }
}
