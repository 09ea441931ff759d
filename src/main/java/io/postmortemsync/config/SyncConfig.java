package io.postmortemsync.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * @param interval time between passes of the daemon
 * @param fullResyncInterval time between passes that read every referenced ticket
 * @param timezone the zone whose "today" decides what is overdue
 * @param writeBack false leaves documents untouched
 */
public record SyncConfig(Duration interval, Duration fullResyncInterval, ZoneId timezone, boolean writeBack) {}
