package io.postmortemsync.config;

import java.util.Objects;

/**
 * The daemon's whole configuration, as loaded and validated from YAML (see
 * {@code config.example.yaml} for every key). Immutable; built only by the config loader.
 */
public record Config(
        SourceConfig source,
        TrackerConfig tracker,
        DefaultsConfig defaults,
        SyncConfig sync,
        ServerConfig server,
        LoggingConfig logging) {

    public Config {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(logging, "logging");
    }
}
