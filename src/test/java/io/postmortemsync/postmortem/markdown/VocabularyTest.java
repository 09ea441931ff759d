package io.postmortemsync.postmortem.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.Whitespace;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The text clean-ups every cell goes through skip their regex when the text needs none; the result
 * must be exactly what the regex gives, for any text (sync keys depend on it).
 */
class VocabularyTest {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern INVISIBLE = Pattern.compile("[\\uFEFF\\u200B\\u200C\\u200D\\u2060]");
    /** Spaces of every kind (ASCII, no-break, em space, separators), zero-width characters, letters. */
    private static final char[] ALPHABET = {
        ' ', ' ', ' ', '\t', '\n', '\r', '\u000B', '\f', '\u00A0', '\u2003', '\u001C', '\uFEFF', '\u200B', '\u200C',
        '\u200D', '\u2060', 'a', 'b', 'Z', '-', '|', 'é'
    };

    @Test
    void collapsingWhiteSpaceIsExactlyTheRegexForAnyText() {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            String text = randomText(random);
            assertThat(Whitespace.collapse(text))
                    .as(
                            "%s",
                            text.chars()
                                    .mapToObj(c -> String.format("\\u%04x", c))
                                    .toList())
                    .isEqualTo(WHITESPACE.matcher(text).replaceAll(" ").strip());
        }
    }

    @Test
    void strippingInvisibleCharactersIsExactlyTheRegexForAnyText() {
        Random random = new Random(43);
        for (int n = 0; n < 20_000; n++) {
            String text = randomText(random);
            assertThat(Vocabulary.stripInvisible(text))
                    .isEqualTo(INVISIBLE.matcher(text).replaceAll(""));
        }
    }

    @Test
    void textThatNeedsNoCleaningComesBackAsItIs() {
        String plain = "Increase default connection pool size";
        assertThat(Vocabulary.stripInvisible(plain)).isSameAs(plain);
        assertThat(Whitespace.collapse("  " + plain + " ")).isEqualTo(plain);
        assertThat(Whitespace.collapse("a\t b\n\nc  d")).isEqualTo("a b c d");
        assertThat(Vocabulary.stripInvisible("a\u200Bb\uFEFF")).isEqualTo("ab");
    }

    private static String randomText(Random random) {
        int length = random.nextInt(12);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
