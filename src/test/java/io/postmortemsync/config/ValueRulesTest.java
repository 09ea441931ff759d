package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules for single values: durations, enumerations, numbers, zones, URLs, names. */
class ValueRulesTest {

    @TempDir
    Path dir;

    private ConfigFiles files() {
        return new ConfigFiles(dir);
    }

    @ParameterizedTest
    @CsvSource({"30s,PT30S", "5m,PT5M", "1h,PT1H", "1h30m,PT1H30M", "2d,PT48H", "1500ms,PT1.5S", "1m30s,PT1M30S"})
    void durationsAreRead(String text, Duration expected) {
        assertThat(files().load("sync: {interval: " + text + "}\n").sync().interval())
                .isEqualTo(expected);
    }

    @Test
    void aDurationInWordsNamesTheFormat() {
        assertThat(files().problems("sync:\n  interval: 5 minutes\n"))
                .containsExactly(new ConfigProblem(
                        "/sync/interval",
                        2,
                        "/sync/interval must be a duration like 30s, 5m or 1h (got \"5 minutes\")"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"300", "5M", "1m1h", "-5m", "5m5m", "1.5h", "m"})
    void malformedDurationsAreErrors(String text) {
        assertThat(files().messages("sync: {fullResyncInterval: \"" + text + "\"}\n"))
                .containsExactly(
                        "/sync/fullResyncInterval must be a duration like 30s, 5m or 1h (got \"" + text + "\")");
    }

    @Test
    void zeroAndSubSecondIntervalsAreRefused() {
        assertThat(files().messages("sync: {interval: 0s, fullResyncInterval: 500ms}\n"))
                .containsExactly(
                        "/sync/interval must be at least 1s (got \"0s\")",
                        "/sync/fullResyncInterval must be at least 1s (got \"500ms\")");
    }

    @Test
    void enumerationsListTheirValuesAndIgnoreCase() {
        assertThat(files().messages("""
                source: {type: svn}
                tracker: {type: github, deployment: server}
                defaults: {type: fix}
                logging: {format: xml, level: verbose}
                """))
                .containsExactly(
                        "/source/type must be one of: directory, git (got \"svn\")",
                        "/tracker/type must be one of: jira, none (got \"github\")",
                        "/tracker/deployment must be one of: auto, cloud, datacenter (got \"server\")",
                        "/defaults/type must be one of: prevent, detect, respond (got \"fix\")",
                        "/logging/format must be one of: text, json (got \"xml\")",
                        "/logging/level must be one of: trace, debug, info, warn, error (got \"verbose\")");
        Config config = files().load("defaults: {type: Respond}\nlogging: {format: Json, level: WARN}\n");
        assertThat(config.defaults().type()).isEqualTo(ItemType.RESPOND);
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Format.JSON, "warn"));
    }

    @Test
    void numbersHaveRanges() {
        assertThat(files().messages("""
                server: {port: 65536}
                tracker: {type: none, maxConcurrency: 0}
                """))
                .containsExactly(
                        "/server/port must be a whole number from 0 to 65535 (got \"65536\")",
                        "/tracker/maxConcurrency must be a whole number from 1 to 64 (got \"0\")");
        assertThat(files().load("server: {port: 65535}\ntracker: {type: none, maxConcurrency: 64}\n")
                        .tracker()
                        .maxConcurrency())
                .isEqualTo(64);
    }

    @Test
    void theTimeZoneMustExist() {
        assertThat(files().messages("sync: {timezone: Mars/Olympus}\n"))
                .containsExactly(
                        "/sync/timezone must be a time zone like UTC, Europe/Berlin or America/New_York (got \"Mars/Olympus\")");
        assertThat(files().load("sync: {timezone: America/New_York}\n").sync().timezone())
                .isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void booleansAreTrueOrFalse() {
        assertThat(files().load("sync: {writeBack: False}\n").sync().writeBack())
                .isFalse();
        assertThat(files().messages("sync: {writeBack: no}\n"))
                .containsExactly("/sync/writeBack must be true or false (got \"no\")");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "acme.atlassian.net|must be an absolute http(s) URL like https://acme.atlassian.net (got \"acme.atlassian.net\")",
                "ftp://acme.atlassian.net|must be an absolute http(s) URL like https://acme.atlassian.net (got \"ftp://acme.atlassian.net\")",
                "https://acme.atlassian.net/?x=1|must be the site's base URL, without ?query or #fragment (got \"https://acme.atlassian.net/?x=1\")",
                "https://me:pw@acme.atlassian.net|must not hold credentials: put them under /tracker/auth",
            })
    void theTrackerUrlMustBeAnAbsoluteHttpUrl(String url, String message) {
        assertThat(files().messages("tracker: {type: none, url: \"" + url + "\"}\n"))
                .containsExactly("/tracker/url " + message);
    }

    @Test
    void statusesMapToCanonicalItemStatusesOnly() {
        assertThat(files().messages("""
                tracker:
                  type: none
                  statuses:
                    "Won't Do": Deferred
                    "Ready": Done
                    "In QA":
                    "won't do": Completed
                """))
                .containsExactly(
                        "/tracker/statuses/Ready must be one of: Not Started, In Progress, Completed, Deferred (got \"Done\")",
                        "/tracker/statuses/In QA needs a status: one of Not Started, In Progress, Completed, Deferred",
                        "/tracker/statuses/won't do names the same Jira status as \"Won't Do\" (status names are compared ignoring case)");
        assertThat(files().load("tracker: {type: none, statuses: {Blocked: not started}}\n")
                        .tracker()
                        .statuses())
                .isEqualTo(Map.of("Blocked", ItemStatus.NOT_STARTED));
    }

    @Test
    void aStatusNameWithASlashIsOnePathSegment() {
        assertThat(files().problems("tracker: {type: none, statuses: {\"In/Review\": Maybe}}\n"))
                .extracting(ConfigProblem::path)
                .containsExactly("/tracker/statuses/In~1Review");
    }

    @Test
    void usersNeedAnAccountIdOrAName() {
        assertThat(files().messages("""
                tracker:
                  type: none
                  users:
                    "@alice": {}
                    "@bob":
                    "@carol": {accountId: 5b10ac8d82e05b22cc7d4ef5}
                """))
                .containsExactly(
                        "/tracker/users/@alice needs accountId (Jira Cloud) or name (Data Center)",
                        "/tracker/users/@bob needs accountId (Jira Cloud) or name (Data Center)");
    }

    @Test
    void usersMatchTheDeployment() {
        assertThat(files().messages("""
                tracker:
                  type: none
                  deployment: cloud
                  users: {"@bob": {name: bob}}
                """))
                .containsExactly("/tracker/users/@bob needs accountId: Jira Cloud identifies users by account id only");
        assertThat(files().messages("""
                tracker:
                  type: none
                  deployment: datacenter
                  users: {"@alice": {accountId: 5b10ac8d82e05b22cc7d4ef5}}
                """))
                .containsExactly("/tracker/users/@alice needs name: Jira Data Center identifies users by user name");
    }

    @Test
    void labelsAndProjectKeysFollowJiraRules() {
        assertThat(files().messages("""
                tracker:
                  type: none
                  project: "OPS TEAM"
                  labels: [post mortem]
                  types:
                    detect: {project: "1OPS", labels: [ok, "not ok"]}
                """))
                .containsExactly(
                        "/tracker/project must be a Jira project key like OPS (got \"OPS TEAM\")",
                        "/tracker/labels has \"post mortem\", but Jira labels cannot contain spaces",
                        "/tracker/types/detect/project must be a Jira project key like OPS (got \"1OPS\")",
                        "/tracker/types/detect/labels has \"not ok\", but Jira labels cannot contain spaces");
    }

    @Test
    void includeAndExcludeAreGlobs() {
        assertThat(files().messages("""
                source:
                  include: []
                  exclude: ["[unclosed"]
                """))
                .containsExactly(
                        "/source/include must list at least one pattern, or nothing would ever be read (default [\"**/*.md\"])",
                        "/source/exclude has a pattern that is not a valid glob: glob \"[unclosed\" has a '[' without its ']'");
    }

    @Test
    void theLinkTemplateNamesTheDocumentAndIsAUrl() {
        assertThat(files().messages("""
                source:
                  linkTemplate: "https://git.example.com/{branch}/{file}"
                """))
                .containsExactly(
                        "/source/linkTemplate uses {branch}, which only a git source has",
                        "/source/linkTemplate uses {file}; the placeholders are {path} and {branch}",
                        "/source/linkTemplate must contain {path}, the document's path relative to /source/path");
        assertThat(files().messages("source: {linkTemplate: \"/blob/main/{path}\"}\n"))
                .containsExactly(
                        "/source/linkTemplate must be an absolute http(s) URL like https://git.example.com/acme/postmortems/blob/main/{path}");
    }
}
