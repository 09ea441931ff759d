package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnknownKeysAndTypesTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownKeyIsNamedByItsFullPathWithASuggestion() {
        assertThat(new ConfigFiles(dir).problems("""
                tracker:
                  type: none
                  typos:
                    prevent: {issueType: Task}
                """))
                .containsExactly(new ConfigProblem(
                        "/tracker/typos", 3, "/tracker/typos is not a known key (did you mean types?)"));
    }

    @Test
    void unknownKeysAreFoundAtEveryDepth() {
        assertThat(new ConfigFiles(dir).messages("""
                sycn: {interval: 1m}
                tracker:
                  type: none
                  types:
                    prevent: {issueType: Task, priorty: High}
                  auth: {user: x}
                  users:
                    "@alice": {accountId: abc, mail: a@example.com}
                source:
                  git: {}
                  color: blue
                logging: {format: text, file: /var/log/x}
                """))
                .containsExactly(
                        "/sycn is not a known key (did you mean sync?)",
                        "/tracker/types/prevent/priorty is not a known key (did you mean priority?)",
                        "/tracker/auth/user is not a known key (known keys: email, emailFile, apiToken, apiTokenFile, token, tokenFile)",
                        "/tracker/users/@alice/mail is not a known key (known keys: accountId, name)",
                        "/source/git is only used when /source/type is git (it is directory here)",
                        "/source/color is not a known key (known keys: type, path, include, exclude, linkTemplate, git)",
                        "/logging/file is not a known key (known keys: format, level)");
    }

    @Test
    void aTypeRouteKeyMustBeAnItemType() {
        assertThat(new ConfigFiles(dir).messages("""
                tracker:
                  type: none
                  types:
                    prevnt: {issueType: Task}
                    Detect: {issueType: Task}
                """))
                .containsExactly(
                        "/tracker/types/prevnt is not an item type: the types are prevent, detect and respond",
                        "/tracker/types/Detect is not an item type: the types are prevent, detect and respond");
    }

    @Test
    void aValueOfTheWrongKindIsNamed() {
        assertThat(new ConfigFiles(dir).messages("""
                sync: [1, 2]
                server:
                  port: [9464]
                tracker:
                  type: none
                  labels: postmortem
                  remoteLinks: yes
                  maxConcurrency: four
                  types: [prevent]
                  users:
                    "@alice": alice
                source:
                  include: {md: "*.md"}
                """))
                .containsExactly(
                        "/sync must be a mapping (indented key: value lines), not a list",
                        "/server/port must be a whole number from 0 to 65535, not a list",
                        "/tracker/labels must be a list like [postmortem] (got \"postmortem\")",
                        "/tracker/remoteLinks must be true or false (got \"yes\")",
                        "/tracker/maxConcurrency must be a whole number from 1 to 64 (got \"four\")",
                        "/tracker/types must be a mapping (indented key: value lines), not a list",
                        "/tracker/users/@alice must be a mapping (indented key: value lines), not a value",
                        "/source/include must be a list like [\"**/*.md\"], not a mapping");
    }

    @Test
    void allProblemsAreReportedAtOnceInFileOrder() {
        assertThat(new ConfigFiles(dir).problems("""
                logging:
                  level: loud
                sync:
                  interval: 5 minutes
                  timezone: Mars/Olympus
                server:
                  port: -1
                extra: true
                """))
                .extracting(ConfigProblem::line)
                .containsExactly(2, 4, 5, 7, 8);
    }

    @Test
    void emptyListItemsAreErrors() {
        assertThat(new ConfigFiles(dir).messages("""
                source:
                  exclude: ["a/**", "", ~]
                """))
                .containsExactly("/source/exclude/1 must not be empty", "/source/exclude/2 must not be empty");
    }
}
