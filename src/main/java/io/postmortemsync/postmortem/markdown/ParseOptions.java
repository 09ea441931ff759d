package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ItemType;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How documents are read.
 *
 * @param defaultType the type of an item whose document names none ({@code defaults.type})
 * @param trackerUrl the tracker's base URL (e.g. https://acme.atlassian.net), so browse links to it
 *     are recognised as tickets in list items; null when no tracker is configured (then any
 *     {@code /browse/KEY} link counts)
 * @param projectKeys the tracker's project keys ({@code OPS}); a bare issue key in a list item
 *     ({@code OPS-123}) is a ticket only when its project is listed here, because words such as
 *     {@code UTF-8}, {@code SHA-256} or {@code COVID-19} look exactly like issue keys. Empty: bare
 *     keys in list items are never tickets (browse links and Ticket columns still are).
 */
public record ParseOptions(ItemType defaultType, String trackerUrl, Set<String> projectKeys) {

    public ParseOptions {
        Objects.requireNonNull(defaultType, "defaultType");
        if (trackerUrl != null && trackerUrl.isBlank()) {
            trackerUrl = null;
        }
        projectKeys = projectKeys == null
                ? Set.of()
                : projectKeys.stream()
                        .map(k -> k.strip().toUpperCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** Options without known project keys (bare keys in list items are not tickets). */
    public ParseOptions(ItemType defaultType, String trackerUrl) {
        this(defaultType, trackerUrl, Set.of());
    }

    /** Defaults for commands run without a configuration file. */
    public static ParseOptions defaults() {
        return new ParseOptions(ItemType.PREVENT, null);
    }

    /** The same options with these project keys. */
    public ParseOptions withProjectKeys(Set<String> keys) {
        return new ParseOptions(defaultType, trackerUrl, keys);
    }
}
