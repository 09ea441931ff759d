package io.postmortemsync.config;

import java.util.Objects;

/**
 * A credential read from configuration. It never shows its value in {@code toString()}, so it
 * cannot leak through logs, exception messages or record printing; call {@link #reveal()} only
 * where the value goes on the wire.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The value itself, for the one place that must send it (an auth header, a git credential). */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
