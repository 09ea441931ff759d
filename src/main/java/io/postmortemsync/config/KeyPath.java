package io.postmortemsync.config;

/** Key paths in JSON-pointer form (RFC 6901), as jmx_exporter names them: {@code /tracker/types/prevent}. */
final class KeyPath {

    private KeyPath() {}

    /** The path of {@code key} inside {@code parent} ("" is the root). */
    static String child(String parent, String key) {
        // '~' and '/' are escaped so that a status name like "In/Review" stays one path segment.
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** The path for messages: the root is shown as "/". */
    static String show(String path) {
        return path.isEmpty() ? "/" : path;
    }
}
