package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void formatIsTheInverseOfParse() {
        for (String text : new String[] {"500ms", "1s", "30s", "5m", "1h30m", "1d2h3m4s5ms"}) {
            assertThat(Durations.format(Durations.parse(text).orElseThrow())).isEqualTo(text);
        }
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void absurdlyLargeNumbersAreMalformedNotAnOverflow() {
        assertThat(Durations.parse("99999999999999999999s")).isEmpty();
        assertThat(Durations.parse("9999999999999999d")).isEmpty();
    }

    @Test
    void blankIsNotADuration() {
        assertThat(Durations.parse("")).isEmpty();
        assertThat(Durations.parse("  ")).isEmpty();
    }
}
