package io.postmortemsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, from a resource Maven fills in. */
public final class Version {

    private static final String VERSION = load();

    private Version() {}

    /** e.g. {@code 0.1.0}; {@code dev} when run from an IDE without resource filtering. */
    public static String get() {
        return VERSION;
    }

    /** The HTTP user agent: {@code postmortem-sync/<version>}. */
    public static String userAgent() {
        return "postmortem-sync/" + VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
