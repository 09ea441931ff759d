package io.postmortemsync.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadmeSectionTest {

    @Test
    void aSectionRunsToTheNextTopLevelHeadingNotToOneInsideAnExample() {
        String writing = ReadmeSection.of("Writing postmortems");
        assertThat(writing)
                .startsWith("## Writing postmortems\n")
                .contains("## Action Items") // the template, inside a code fence
                .contains("### Errors and warnings")
                .doesNotContain("## Commands");
    }

    @Test
    void aMissingSectionIsNamed() {
        assertThatThrownBy(() -> ReadmeSection.of("No such section")).hasMessageContaining("\"## No such section\"");
    }
}
