package io.postmortemsync.postmortem;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What an action item is for, as the team template's Type column names it. */
public enum ItemType {
    PREVENT,
    DETECT,
    RESPOND;

    private static final Map<String, ItemType> WORDS = Map.ofEntries(
            Map.entry("prevent", PREVENT),
            Map.entry("prevention", PREVENT),
            Map.entry("preventive", PREVENT),
            Map.entry("preventative", PREVENT),
            Map.entry("mitigate", PREVENT),
            Map.entry("mitigation", PREVENT),
            Map.entry("detect", DETECT),
            Map.entry("detection", DETECT),
            Map.entry("detective", DETECT),
            Map.entry("monitoring", DETECT),
            Map.entry("alerting", DETECT),
            Map.entry("respond", RESPOND),
            Map.entry("response", RESPOND),
            Map.entry("process", RESPOND),
            Map.entry("corrective", RESPOND),
            Map.entry("repair", RESPOND),
            Map.entry("runbook", RESPOND));

    /** The lowercase name used in JSON, configuration keys and metric labels. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a type word or one of its synonyms, case-insensitive; empty for anything else. */
    public static Optional<ItemType> fromText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(WORDS.get(text.strip().toLowerCase(Locale.ROOT)));
    }

    /** The words {@link #fromText} accepts for the canonical types, for error messages. */
    public static String allowedWords() {
        return "Prevent, Detect, Respond";
    }
}
