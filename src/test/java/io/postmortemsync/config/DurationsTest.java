package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void format_is_the_inverse_of_parse() {
        for (String text : new String[] {"500ms", "1s", "30s", "5m", "1h30m", "1d2h3m4s5ms"}) {
            assertThat(Durations.format(Durations.parse(text).orElseThrow())).isEqualTo(text);
        }
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void absurdly_large_numbers_are_malformed_not_an_overflow() {
        assertThat(Durations.parse("99999999999999999999s")).isEmpty();
        assertThat(Durations.parse("9999999999999999d")).isEmpty();
    }

    @Test
    void blank_is_not_a_duration() {
        assertThat(Durations.parse("")).isEmpty();
        assertThat(Durations.parse("  ")).isEmpty();
    }
}
