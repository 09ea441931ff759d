package io.postmortemsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathFilterTest {

    @Test
    void doubleStarSlashAlsoMatchesTopLevelFiles() {
        PathFilter filter = PathFilter.of(List.of("**/*.md"), List.of());

        assertThat(filter.matches("2025-04-10-payments.md")).isTrue();
        assertThat(filter.matches("2025/04/2025-04-10-payments.md")).isTrue();
        assertThat(filter.matches("notes.txt")).isFalse();
        assertThat(filter.matches("2025/notes.md.txt")).isFalse();
    }

    @Test
    void aSingleStarStaysWithinOneFolder() {
        PathFilter filter = PathFilter.of(List.of("*.md"), List.of());

        assertThat(filter.matches("a.md")).isTrue();
        assertThat(filter.matches("2025/a.md")).isFalse();
    }

    @Test
    void excludesWinOverIncludes() {
        PathFilter filter = PathFilter.of(List.of("**/*.md"), List.of("**/drafts/**", "README.md", "template?.md"));

        assertThat(filter.matches("drafts/a.md")).isFalse();
        assertThat(filter.matches("2025/drafts/a.md")).isFalse();
        assertThat(filter.matches("README.md")).isFalse();
        assertThat(filter.matches("team/README.md")).isTrue();
        assertThat(filter.matches("template1.md")).isFalse();
        assertThat(filter.matches("template12.md")).isTrue();
    }

    @Test
    void alternativesAndCharacterClasses() {
        PathFilter filter = PathFilter.of(
                List.of("{incidents,postmortems}/**/*.{md,markdown}", "20[0-9][0-9]-*.md"), List.of("**/[!a-z]*.md"));

        assertThat(filter.matches("incidents/a.md")).isTrue();
        assertThat(filter.matches("postmortems/2025/b.markdown")).isTrue();
        assertThat(filter.matches("other/a.md")).isFalse();
        assertThat(filter.matches("2025-outage.md")).isFalse(); // excluded: starts with a digit
        assertThat(filter.matches("incidents/Upper.md")).isFalse();
    }

    @Test
    void dotsAndOtherRegexCharactersAreLiteral() {
        PathFilter filter = PathFilter.of(List.of("a.b+(c).md"), List.of());

        assertThat(filter.matches("a.b+(c).md")).isTrue();
        assertThat(filter.matches("axb+(c).md")).isFalse();
    }

    @Test
    void anEmptyIncludeMeansMarkdownEverywhere() {
        PathFilter filter = PathFilter.of(List.of(), List.of());

        assertThat(filter.matches("a.md")).isTrue();
        assertThat(filter.matches("x/y/z.md")).isTrue();
        assertThat(filter.matches("x/y/z.txt")).isFalse();
    }

    @Test
    void malformedGlobsAreNamed() {
        assertThatThrownBy(() -> PathFilter.of(List.of("{a,b"), List.of()))
                .hasMessage("glob \"{a,b\" has a '{' without its '}'");
        assertThatThrownBy(() -> PathFilter.of(List.of("a[bc"), List.of()))
                .hasMessage("glob \"a[bc\" has a '[' without its ']'");
    }
}
