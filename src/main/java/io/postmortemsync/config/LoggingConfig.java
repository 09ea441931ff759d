package io.postmortemsync.config;

/**
 * @param format text for people, json for log pipelines (one object per line)
 * @param level trace, debug, info, warn or error
 */
public record LoggingConfig(Format format, String level) {

    public enum Format {
        TEXT,
        JSON
    }
}
