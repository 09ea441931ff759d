package io.postmortemsync.tracker;

import java.util.Locale;

/**
 * @param name the workflow status name, e.g. "In Review"
 * @param category Jira's status category
 * @param resolution the resolution name, or null when unresolved
 */
public record TicketStatus(String name, Category category, String resolution) {

    /** Jira's status categories, by their {@code statusCategory.key}. */
    public enum Category {
        NEW,
        INDETERMINATE,
        DONE,
        UNDEFINED;

        /** Reads Jira's {@code statusCategory.key} ({@code new}, {@code indeterminate}, {@code done}). */
        public static Category fromKey(String key) {
            if (key == null) {
                return UNDEFINED;
            }
            return switch (key.toLowerCase(Locale.ROOT)) {
                case "new" -> NEW;
                case "indeterminate" -> INDETERMINATE;
                case "done" -> DONE;
                default -> UNDEFINED;
            };
        }
    }
}
