package io.postmortemsync.source.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverlapCheckTest {

    static final String BEFORE = "title\nrow a | Not Started\nrow b | Not Started\nrow c | Not Started\n";

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void theSameLineChangedByBothIsReported() {
        String theirs = "title\nrow a | Completed\nrow b | Not Started\nrow c | Not Started\n";
        String result = "title\nrow a | In Progress\nrow b | Not Started\nrow c | Not Started\n";

        assertThat(OverlapCheck.overriddenLines(b(BEFORE), b(theirs), b(result)))
                .containsExactly(2);
    }

    @Test
    void differentLinesAreNoConflict() {
        String theirs = "title\nrow a | Not Started\nrow b | Completed\nrow c | Not Started\n";
        String result = "title\nrow a | In Progress\nrow b | Completed\nrow c | Not Started\n";

        assertThat(OverlapCheck.overriddenLines(b(BEFORE), b(theirs), b(result)))
                .isEmpty();
    }

    @Test
    void aLineNextToOneTheyDeletedIsNoConflict() {
        String theirs = "title\nrow b | Not Started\nrow c | Not Started\n";
        String result = "title\nrow b | In Progress\nrow c | Not Started\n";

        assertThat(OverlapCheck.overriddenLines(b(BEFORE), b(theirs), b(result)))
                .isEmpty();
    }

    @Test
    void aLineTheyAddedAndTheDaemonChangesIsReported() {
        String theirs = BEFORE + "row d | Not Started\n";
        String result = BEFORE + "row d | Completed\n";

        assertThat(OverlapCheck.overriddenLines(b(BEFORE), b(theirs), b(result)))
                .containsExactly(5);
    }
}
