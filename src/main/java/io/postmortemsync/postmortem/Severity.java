package io.postmortemsync.postmortem;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Incident severity, P1 (worst) to P4. */
public enum Severity {
    P1,
    P2,
    P3,
    P4;

    // "P1", "p2", "SEV1", "Sev 1", "sev-2", "Severity 3": a prefix then the digit.
    private static final Pattern FORM =
            Pattern.compile("(?:p|sev|severity)[\\s\\-_]*([1-4])", Pattern.CASE_INSENSITIVE);

    /** Reads {@code P1}..{@code P4} and the {@code SEV1} / {@code Sev 1} forms; empty for anything else. */
    public static Optional<Severity> fromText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(values()[Integer.parseInt(m.group(1)) - 1]);
    }

    /** The metric label for a possibly unknown severity: {@code P1}..{@code P4} or {@code unknown}. */
    public static String metricLabel(Severity severity) {
        return severity == null ? "unknown" : severity.name();
    }

    /** Lowercase name, for places that want it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
