package io.postmortemsync.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus and Go write them: one or more whole numbers with a unit, largest unit
 * first, each unit at most once: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 1d}. A bare number is refused: "300" could mean seconds or milliseconds.
 */
final class Durations {

    private static final Pattern FORMAT =
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {}

    static Optional<Duration> parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (text.isBlank() || !m.matches()) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.ZERO;
            d = d.plus(Duration.ofDays(number(m.group(1))));
            d = d.plus(Duration.ofHours(number(m.group(2))));
            d = d.plus(Duration.ofMinutes(number(m.group(3))));
            d = d.plus(Duration.ofSeconds(number(m.group(4))));
            d = d.plus(Duration.ofMillis(number(m.group(5))));
            return Optional.of(d);
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty(); // absurdly large: treat as malformed
        }
    }

    /** The shortest text {@link #parse} reads back as {@code d}, e.g. {@code 1h30m}. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = d.toDaysPart();
        if (days > 0) {
            out.append(days).append('d');
        }
        append(out, d.toHoursPart(), "h");
        append(out, d.toMinutesPart(), "m");
        append(out, d.toSecondsPart(), "s");
        append(out, d.toMillisPart(), "ms");
        return out.toString();
    }

    private static void append(StringBuilder out, int value, String unit) {
        if (value > 0) {
            out.append(value).append(unit);
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
