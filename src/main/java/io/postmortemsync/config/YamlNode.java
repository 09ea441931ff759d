package io.postmortemsync.config;

import java.util.List;
import java.util.Map;

/**
 * A configuration file's YAML as plain maps, lists and scalars, each remembering its line so that
 * problems can point at it. Scalars keep their text exactly as written (no YAML 1.1 guessing:
 * {@code 0123} stays "0123", {@code yes} stays "yes"); the loader decides what each key accepts.
 */
sealed interface YamlNode {

    /** The 1-based line where the node starts. */
    int line();

    /** What the node is, for messages: "a mapping", "a list", "a value". */
    String kind();

    /** A scalar; {@code isNull} for an empty value, {@code ~} or a plain {@code null}. */
    record Scalar(String text, boolean isNull, int line) implements YamlNode {
        @Override
        public String kind() {
            return "a value";
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping in file order; duplicate keys were reported while building it. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key of a mapping and its value; {@code line} is the key's line. */
    record Entry(String key, int line, YamlNode value) {}
}
