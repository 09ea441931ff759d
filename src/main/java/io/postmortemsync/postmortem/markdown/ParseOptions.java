package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ItemType;
import java.util.Objects;

/**
 * How documents are read.
 *
 * @param defaultType the type of an item whose document names none ({@code defaults.type})
 * @param trackerUrl the tracker's base URL (e.g. https://acme.atlassian.net), so browse links to it
 *     are recognised as tickets in list items; null when no tracker is configured (then any
 *     {@code /browse/KEY} link counts)
 */
public record ParseOptions(ItemType defaultType, String trackerUrl) {

    public ParseOptions {
        Objects.requireNonNull(defaultType, "defaultType");
    }

    /** Defaults for commands run without a configuration file. */
    public static ParseOptions defaults() {
        return new ParseOptions(ItemType.PREVENT, null);
    }
}
