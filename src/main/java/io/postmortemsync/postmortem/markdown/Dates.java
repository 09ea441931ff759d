package io.postmortemsync.postmortem.markdown;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as people write them in postmortems: ISO {@code 2025-04-15}, {@code 15 Apr 2025},
 * {@code Apr 15, 2025}, {@code April 15, 2025}. Numeric forms with the year last
 * ({@code 04/05/2025}) are refused: April 5th in one country is May 4th in another.
 */
final class Dates {

    /** A parsed date, or the reason there is none. */
    sealed interface Result {
        record Valid(LocalDate date) implements Result {}

        record Invalid(String problem) implements Result {}
    }

    static final String MONTH_NAMES =
            "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    /** Anything that looks like a date, for finding due phrases in free text. */
    static final String DATE_LIKE = "\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}"
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:" + MONTH_NAMES + ")\\.?,?\\s+\\d{4}"
            + "|(?:" + MONTH_NAMES + ")\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}";

    private static final Pattern ISO = Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[T ].*)?");
    private static final Pattern NUMERIC_YEAR_LAST = Pattern.compile("\\d{1,2}[/.\\-]\\d{1,2}[/.\\-]\\d{2,4}");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(\\d{1,2})(?:st|nd|rd|th)?\\s+(" + MONTH_NAMES + ")\\.?,?\\s+(\\d{4})", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(" + MONTH_NAMES + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_DATE = Pattern.compile(
            "^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?(" + DATE_LIKE + ")", Pattern.CASE_INSENSITIVE);

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1),
            Map.entry("feb", 2),
            Map.entry("mar", 3),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("jun", 6),
            Map.entry("jul", 7),
            Map.entry("aug", 8),
            Map.entry("sep", 9),
            Map.entry("oct", 10),
            Map.entry("nov", 11),
            Map.entry("dec", 12));

    static final String FORMS = "YYYY-MM-DD, 15 Apr 2025 or Apr 15, 2025";

    private Dates() {}

    /** Reads a whole value as a date; {@code what} names it in messages ("Due date"). */
    static Result parse(String what, String text) {
        String value = text.strip();
        Matcher m = ISO.matcher(value);
        if (m.matches()) {
            return of(
                    what,
                    value,
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        }
        if (NUMERIC_YEAR_LAST.matcher(value).matches()) {
            return new Result.Invalid(what + " \"" + value
                    + "\" is ambiguous (day and month could be either way round); write it as YYYY-MM-DD");
        }
        m = DAY_MONTH_YEAR.matcher(value);
        if (m.matches()) {
            return of(what, value, Integer.parseInt(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)));
        }
        m = MONTH_DAY_YEAR.matcher(value);
        if (m.matches()) {
            return of(what, value, Integer.parseInt(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return new Result.Invalid(what + " \"" + value + "\" is not a date; write it as " + FORMS);
    }

    /**
     * Reads the date a value starts with ({@code May 28 2025, 11:30 AM UTC - ...}), for summary
     * fields that often carry times and ranges after the date.
     */
    static Result parseLeading(String what, String text) {
        String value = text.strip();
        Matcher m = LEADING_DATE.matcher(value);
        if (m.find()) {
            return parse(what, m.group(1));
        }
        return new Result.Invalid(what + " \"" + value + "\" is not a date; write it as " + FORMS);
    }

    private static Result of(String what, String value, int year, int month, int day) {
        try {
            return new Result.Valid(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return new Result.Invalid(what + " \"" + value + "\" is not a valid date");
        }
    }

    private static int month(String name) {
        return MONTHS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
    }
}
