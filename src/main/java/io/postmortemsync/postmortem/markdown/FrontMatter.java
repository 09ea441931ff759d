package io.postmortemsync.postmortem.markdown;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * YAML front matter: a first line {@code ---}, YAML, and a closing {@code ---} (or {@code ...})
 * line. Keys are matched loosely ({@code customer_impact}, {@code customerImpact} and
 * {@code Customer Impact} are one key) because front matter is typed by hand.
 */
sealed interface FrontMatter {

    YAMLMapper YAML = new YAMLMapper();

    /** The document has no front matter. */
    record None() implements FrontMatter {}

    /**
     * @param fields values by normalised key
     * @param lastLine 0-based index of the closing line
     */
    record Found(Map<String, JsonNode> fields, int lastLine) implements FrontMatter {

        /** The text of a scalar field (one of several spellings), or null. */
        String text(String... keys) {
            for (String key : keys) {
                JsonNode node = fields.get(key);
                if (node != null && node.isValueNode() && !node.isNull()) {
                    String value = node.asText().strip();
                    if (!value.isEmpty()) {
                        return value;
                    }
                }
            }
            return null;
        }

        JsonNode node(String key) {
            return fields.get(key);
        }
    }

    /**
     * Front matter that cannot be read; {@code line} is 1-based, {@code lastLine} the 0-based
     * closing line or -1 when there is none.
     */
    record Broken(int line, String message, int lastLine) implements FrontMatter {}

    static FrontMatter read(SourceText source) {
        if (source.lineCount() == 0 || !isFence(source.line(0), false)) {
            return new None();
        }
        int closing = -1;
        for (int i = 1; i < source.lineCount(); i++) {
            if (isFence(source.line(i), true)) {
                closing = i;
                break;
            }
        }
        if (closing < 0) {
            return new Broken(1, "Front matter starting at line 1 has no closing '---' line", -1);
        }
        String yaml = closing == 1 ? "" : source.text().substring(source.lineStart(1), source.contentEnd(closing - 1));
        JsonNode root;
        try {
            root = yaml.isBlank() ? null : YAML.readTree(yaml);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            int line = where == null || where.getLineNr() < 1 ? 1 : where.getLineNr() + 1;
            return new Broken(line, "Front matter is not valid YAML: " + e.getOriginalMessage(), closing);
        } catch (RuntimeException e) {
            return new Broken(1, "Front matter is not valid YAML: " + e.getMessage(), closing);
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (root != null && root.getNodeType() != JsonNodeType.NULL && root.getNodeType() != JsonNodeType.MISSING) {
            if (!root.isObject()) {
                return new Broken(
                        2, "Front matter must be a mapping of keys to values (like \"incident: INC-42\")", closing);
            }
            root.properties().forEach(e -> fields.putIfAbsent(normalizeKey(e.getKey()), e.getValue()));
        }
        return new Found(fields, closing);
    }

    /**
     * The 1-based line of the first top-level key among {@code keys} (normalised spellings) that
     * holds a value, for diagnostics about that value; 1 (the fence) when no line matches.
     */
    static int lineOfKey(SourceText source, Found found, String... keys) {
        for (String key : keys) {
            if (found.text(key) == null) {
                continue;
            }
            for (int i = 1; i < found.lastLine(); i++) {
                String line = source.line(i);
                int colon = line.indexOf(':');
                if (colon > 0
                        && !Character.isWhitespace(line.charAt(0))
                        && normalizeKey(line.substring(0, colon)).equals(key)) {
                    return i + 1;
                }
            }
        }
        return 1;
    }

    /** Letters and digits only, lowercase: {@code Customer_Impact} becomes {@code customerimpact}. */
    static String normalizeKey(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isFence(String line, boolean closing) {
        String trimmed = line.stripTrailing();
        return trimmed.equals("---") || (closing && trimmed.equals("..."));
    }

    /**
     * The text with the front matter lines turned into blank lines of the same length, so the
     * Markdown parser neither reads the YAML nor shifts any offset or line number.
     */
    static String blankOut(SourceText source, int lastLine) {
        char[] chars = source.text().toCharArray();
        int end = source.contentEnd(lastLine);
        for (int i = 0; i < end; i++) {
            if (chars[i] != '\n' && chars[i] != '\r') {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }
}
