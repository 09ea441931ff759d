package io.postmortemsync.config;

/** @param port the HTTP port for /metrics, /healthz and /readyz (0 = any free port) */
public record ServerConfig(int port) {}
