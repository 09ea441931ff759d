package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.config.TrackerConfig.TrackerType;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyMappingIsACompleteOfflineConfiguration() {
        Config config = new ConfigFiles(dir).load("{}\n");

        SourceConfig source = config.source();
        assertThat(source.type()).isEqualTo(SourceConfig.SourceType.DIRECTORY);
        assertThat(source.path()).isEqualTo(dir.resolve("postmortems"));
        assertThat(source.include()).containsExactly("**/*.md");
        assertThat(source.exclude()).isEmpty();
        assertThat(source.linkTemplate()).isNull();
        assertThat(source.git()).isNull();

        TrackerConfig tracker = config.tracker();
        assertThat(tracker.type()).isEqualTo(TrackerType.NONE);
        assertThat(tracker.isOffline()).isTrue();
        assertThat(tracker.url()).isNull();
        assertThat(tracker.auth()).isNull();
        assertThat(tracker.deployment()).isEqualTo(TrackerConfig.Deployment.AUTO);
        assertThat(tracker.incidentLink()).isEqualTo("Relates");
        assertThat(tracker.remoteLinks()).isTrue();
        assertThat(tracker.deferredResolutions()).containsExactly("Won't Do", "Won't Fix", "Duplicate");
        assertThat(tracker.maxConcurrency()).isEqualTo(4);
        assertThat(tracker.statuses()).isEmpty();
        assertThat(tracker.users()).isEmpty();
        for (ItemType type : ItemType.values()) {
            assertThat(tracker.route(type)).isEqualTo(new TrackerConfig.TypeRoute("Task", null, List.of(), null));
        }

        assertThat(config.defaults().type()).isEqualTo(ItemType.PREVENT);
        assertThat(config.sync())
                .isEqualTo(new SyncConfig(Duration.ofMinutes(5), Duration.ofHours(1), ZoneOffset.UTC, true));
        assertThat(config.server().port()).isEqualTo(9464);
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Format.TEXT, "info"));
    }

    @Test
    void aTrackerSectionThatIsAbsentOrEmptyMeansOffline() {
        ConfigFiles files = new ConfigFiles(dir);
        assertThat(files.load("sync: {interval: 1m}\n").tracker().isOffline()).isTrue();
        assertThat(files.load("tracker:\n").tracker().isOffline()).isTrue();
        assertThat(files.load("tracker: ~\n").tracker().isOffline()).isTrue();
    }

    @Test
    void trackerTypeNoneKeepsItsSettingsButRequiresNothing() {
        Config config = new ConfigFiles(dir).load("""
                tracker:
                  type: none
                  url: https://acme.atlassian.net
                  labels: [postmortem]
                """);
        assertThat(config.tracker().isOffline()).isTrue();
        assertThat(config.tracker().url()).hasToString("https://acme.atlassian.net");
        assertThat(config.tracker().labels()).containsExactly("postmortem");
    }

    @Test
    void aWrittenTrackerSectionWithoutTypeIsJira() {
        Config config = new ConfigFiles(dir).load("""
                tracker:
                  url: https://acme.atlassian.net/
                  project: OPS
                  auth: {token: pat}
                """);
        assertThat(config.tracker().type()).isEqualTo(TrackerType.JIRA);
        assertThat(config.tracker().url()).hasToString("https://acme.atlassian.net");
    }

    @Test
    void everyKeyOfTheDesignIsRead() {
        Config config = new ConfigFiles(dir).load("""
                source:
                  type: directory
                  path: docs/pm
                  include: ["**/*.md", "*.markdown"]
                  exclude: ["drafts/**"]
                  linkTemplate: "https://git.example.com/acme/postmortems/blob/main/{path}"
                tracker:
                  type: jira
                  url: https://jira.example.com/jira/
                  deployment: datacenter
                  auth:
                    token: pat-value
                  project: OPS
                  labels: [postmortem, sre]
                  types:
                    prevent: {issueType: Story, project: PRV, labels: [prevent], priority: High}
                    detect:  {labels: [detect]}
                  incidentLink: Blocks
                  remoteLinks: false
                  statuses: {"Won't Do": Deferred, "QA": in progress}
                  deferredResolutions: ["Won't Do"]
                  users:
                    "@bob": {name: bob}
                    "Carol Smith": {name: carol, accountId: 5b10ac8d82e05b22cc7d4ef5}
                  maxConcurrency: 8
                defaults:
                  type: detect
                sync:
                  interval: 30s
                  fullResyncInterval: 2h
                  timezone: Europe/Berlin
                  writeBack: false
                server:
                  port: 0
                logging:
                  format: JSON
                  level: debug
                """);
        assertThat(config.source())
                .isEqualTo(new SourceConfig(
                        SourceConfig.SourceType.DIRECTORY,
                        dir.resolve("docs/pm"),
                        List.of("**/*.md", "*.markdown"),
                        List.of("drafts/**"),
                        "https://git.example.com/acme/postmortems/blob/main/{path}",
                        null));
        TrackerConfig tracker = config.tracker();
        assertThat(tracker.url()).hasToString("https://jira.example.com/jira");
        assertThat(tracker.deployment()).isEqualTo(TrackerConfig.Deployment.DATACENTER);
        assertThat(tracker.auth().token().reveal()).isEqualTo("pat-value");
        assertThat(tracker.auth().email()).isNull();
        assertThat(tracker.auth().apiToken()).isNull();
        assertThat(tracker.project()).isEqualTo("OPS");
        assertThat(tracker.labels()).containsExactly("postmortem", "sre");
        assertThat(tracker.route(ItemType.PREVENT))
                .isEqualTo(new TrackerConfig.TypeRoute("Story", "PRV", List.of("prevent"), "High"));
        assertThat(tracker.route(ItemType.DETECT))
                .isEqualTo(new TrackerConfig.TypeRoute("Task", null, List.of("detect"), null));
        assertThat(tracker.route(ItemType.RESPOND))
                .isEqualTo(new TrackerConfig.TypeRoute("Task", null, List.of(), null));
        assertThat(tracker.incidentLink()).isEqualTo("Blocks");
        assertThat(tracker.remoteLinks()).isFalse();
        assertThat(tracker.statuses()).isEqualTo(Map.of("Won't Do", ItemStatus.DEFERRED, "QA", ItemStatus.IN_PROGRESS));
        assertThat(tracker.deferredResolutions()).containsExactly("Won't Do");
        assertThat(tracker.users())
                .isEqualTo(Map.of(
                        "@bob", new TrackerConfig.UserRef(null, "bob"),
                        "Carol Smith", new TrackerConfig.UserRef("5b10ac8d82e05b22cc7d4ef5", "carol")));
        assertThat(tracker.maxConcurrency()).isEqualTo(8);
        assertThat(config.defaults().type()).isEqualTo(ItemType.DETECT);
        assertThat(config.sync())
                .isEqualTo(new SyncConfig(
                        Duration.ofSeconds(30), Duration.ofHours(2), java.time.ZoneId.of("Europe/Berlin"), false));
        assertThat(config.server().port()).isZero();
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Format.JSON, "debug"));
    }

    @Test
    void emptyListsAreKeptWhereTheyMeanSomething() {
        Config config = new ConfigFiles(dir).load("""
                source: {exclude: []}
                tracker: {type: none, deferredResolutions: [], labels: []}
                """);
        assertThat(config.tracker().deferredResolutions()).isEmpty();
        assertThat(config.source().exclude()).isEmpty();
    }
}
