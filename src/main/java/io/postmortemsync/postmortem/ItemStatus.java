package io.postmortemsync.postmortem;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where an action item stands. The canonical text is what write-back puts into documents. */
public enum ItemStatus {
    NOT_STARTED("Not Started"),
    IN_PROGRESS("In Progress"),
    COMPLETED("Completed"),
    DEFERRED("Deferred");

    private static final Map<String, ItemStatus> WORDS = Map.ofEntries(
            Map.entry("not started", NOT_STARTED),
            Map.entry("todo", NOT_STARTED),
            Map.entry("to do", NOT_STARTED),
            Map.entry("open", NOT_STARTED),
            Map.entry("new", NOT_STARTED),
            Map.entry("", NOT_STARTED),
            Map.entry("in progress", IN_PROGRESS),
            Map.entry("wip", IN_PROGRESS),
            Map.entry("doing", IN_PROGRESS),
            Map.entry("in-progress", IN_PROGRESS),
            Map.entry("started", IN_PROGRESS),
            Map.entry("in review", IN_PROGRESS),
            Map.entry("completed", COMPLETED),
            Map.entry("done", COMPLETED),
            Map.entry("complete", COMPLETED),
            Map.entry("closed", COMPLETED),
            Map.entry("resolved", COMPLETED),
            Map.entry("fixed", COMPLETED),
            Map.entry("deferred", DEFERRED),
            Map.entry("won't do", DEFERRED),
            Map.entry("wontfix", DEFERRED),
            Map.entry("won't fix", DEFERRED),
            Map.entry("postponed", DEFERRED),
            Map.entry("cancelled", DEFERRED));

    private final String text;

    ItemStatus(String text) {
        this.text = text;
    }

    /** The canonical text: {@code Not Started}, {@code In Progress}, {@code Completed}, {@code Deferred}. */
    public String text() {
        return text;
    }

    /** The metric label value: {@code not_started}, {@code in_progress}, {@code completed}, {@code deferred}. */
    public String metricLabel() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a status word or synonym, case-insensitive, with runs of white space folded and the
     * typographic apostrophe accepted ({@code Won’t Do}); empty for anything else.
     */
    public static Optional<ItemStatus> fromText(String text) {
        if (text == null) {
            return Optional.of(NOT_STARTED);
        }
        String folded =
                text.strip().replace('\u2019', '\'').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return Optional.ofNullable(WORDS.get(folded));
    }

    /** The canonical texts, for error messages: "Not Started, In Progress, Completed, Deferred". */
    public static String allowedWords() {
        return "Not Started, In Progress, Completed, Deferred";
    }
}
