package io.postmortemsync.postmortem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies an action item before its ticket key is written into the document: the first
 * 12 lowercase hex characters of {@code sha256(incidentId + "\n" + normalize(action))}.
 * The tracker carries it as the label {@code pmsync-<value>}, which is how a crashed pass's
 * tickets are found again instead of being created twice.
 */
public record SyncKey(String value) {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String LABEL_PREFIX = "pmsync-";

    public SyncKey {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a sync key is 12 lowercase hex characters, got \"" + value + "\"");
        }
    }

    /**
     * Computes the key of an action.
     *
     * @param incidentId the postmortem's incident id
     * @param plainAction the action text with Markdown inline markup already removed (the parser's
     *     {@code action}); this method applies the rest of the normalisation
     */
    public static SyncKey of(String incidentId, String plainAction) {
        String input = incidentId + "\n" + normalize(plainAction);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return new SyncKey(HexFormat.of().formatHex(digest).substring(0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Unicode NFKC, lowercase, white-space runs collapsed to one space, trimmed. */
    public static String normalize(String plainText) {
        String nfkc = Normalizer.normalize(plainText, Normalizer.Form.NFKC);
        return WHITESPACE.matcher(nfkc.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The tracker label that carries this key. */
    public String label() {
        return LABEL_PREFIX + value;
    }

    /** Reads a {@code pmsync-…} label back; null when the label is not one. */
    public static SyncKey fromLabel(String label) {
        if (label == null || !label.startsWith(LABEL_PREFIX)) {
            return null;
        }
        String rest = label.substring(LABEL_PREFIX.length());
        return FORM.matcher(rest).matches() ? new SyncKey(rest) : null;
    }

    @Override
    public String toString() {
        return value;
    }
}
