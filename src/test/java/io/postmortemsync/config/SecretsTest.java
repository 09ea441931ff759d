package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path dir;

    private static final String DATACENTER = """
            tracker:
              url: https://jira.example.com
              project: OPS
              deployment: datacenter
              auth:
            """;

    @Test
    void aSecretFileIsReadWithoutItsOneTrailingNewline() throws IOException {
        ConfigFiles files = new ConfigFiles(dir);
        files.write("secrets/token", "pat-from-file\n");
        Config config = files.load(DATACENTER + "    tokenFile: secrets/token\n");
        assertThat(config.tracker().auth().token().reveal()).isEqualTo("pat-from-file");

        files.write("secrets/token", "pat\r\n");
        assertThat(files.load(DATACENTER + "    tokenFile: secrets/token\n")
                        .tracker()
                        .auth()
                        .token()
                        .reveal())
                .isEqualTo("pat");

        // Only one: a second newline is part of the value as written.
        files.write("secrets/token", "pat\n\n");
        assertThat(files.load(DATACENTER + "    tokenFile: secrets/token\n")
                        .tracker()
                        .auth()
                        .token()
                        .reveal())
                .isEqualTo("pat\n");
    }

    @Test
    void everyCredentialMayComeFromAFile() throws IOException {
        ConfigFiles files = new ConfigFiles(dir);
        Path email = files.write("s/email", "ops@example.com\n");
        Path apiToken = files.write("s/api", "api-secret\n");
        Config cloud = files.load("""
                tracker:
                  url: https://acme.atlassian.net
                  project: OPS
                  auth:
                    emailFile: %s
                    apiTokenFile: %s
                """.formatted(email, apiToken));
        assertThat(cloud.tracker().auth().email()).isEqualTo("ops@example.com");
        assertThat(cloud.tracker().auth().apiToken().reveal()).isEqualTo("api-secret");

        files.write("s/user", "x-access-token\n");
        files.write("s/password", "git-secret\n");
        Config git = files.load("""
                source:
                  type: git
                  git:
                    url: https://git.example.com/acme/pm.git
                    usernameFile: s/user
                    passwordFile: s/password
                """);
        assertThat(git.source().git().username()).isEqualTo("x-access-token");
        assertThat(git.source().git().password().reveal()).isEqualTo("git-secret");
    }

    @Test
    void anUnreadableSecretFileIsNamed() {
        List<String> messages = new ConfigFiles(dir).messages(DATACENTER + "    tokenFile: secrets/missing\n");
        assertThat(messages)
                .containsExactly("/tracker/auth/tokenFile names " + dir.resolve("secrets/missing")
                        + ", which cannot be read (no such file)");
    }

    @Test
    void anEmptySecretFileIsAnError() {
        ConfigFiles files = new ConfigFiles(dir);
        files.write("empty", "\n");
        assertThat(files.messages(DATACENTER + "    tokenFile: empty\n"))
                .containsExactly("/tracker/auth/tokenFile names " + dir.resolve("empty") + ", which is empty");
    }

    @Test
    void aHugeSecretFileIsRefused() throws IOException {
        ConfigFiles files = new ConfigFiles(dir);
        Files.write(dir.resolve("big"), new byte[100_000]);
        assertThat(files.messages(DATACENTER + "    tokenFile: big\n"))
                .singleElement()
                .asString()
                .contains("larger than 64 KiB");
    }

    @Test
    void aSecretGivenBothInlineAndAsAFileIsAnError() {
        ConfigFiles files = new ConfigFiles(dir);
        files.write("token", "from-file");
        assertThat(files.messages(DATACENTER + "    token: inline\n    tokenFile: token\n"))
                .containsExactly("/tracker/auth/token and /tracker/auth/tokenFile are both given: use one");
    }

    @Test
    void secretValuesNeverAppearInProblemsOrInTheConfigurationText() {
        ConfigFiles files = new ConfigFiles(dir, Map.of("JIRA_API_TOKEN", "tok-from-env-123"));
        files.write("pat", "tok-from-file-456\n");
        // Wrong on purpose in many ways: every message is checked for the secret values.
        List<String> messages = files.messages("""
                tracker:
                  url: https://acme.atlassian.net
                  project: OPS
                  deployment: cloud
                  auth:
                    email: ops@example.com
                    apiToken: ${JIRA_API_TOKEN}
                    tokenFile: pat
                  maxConcurrency: tok-literal-789
                """);
        String all = String.join("\n", messages);
        assertThat(all).contains("use one scheme").doesNotContain("tok-from-env-123", "tok-from-file-456");

        Config config = files.load("""
                tracker:
                  url: https://acme.atlassian.net
                  project: OPS
                  auth: {email: ops@example.com, apiToken: "${JIRA_API_TOKEN}"}
                source:
                  type: git
                  git: {url: "https://git.example.com/pm.git", username: u, passwordFile: pat}
                """);
        assertThat(config.toString()).contains("Secret[****]").doesNotContain("tok-from-env-123", "tok-from-file-456");
    }

    @Test
    void anInlineSecretOfTheWrongKindIsReportedWithoutItsContent() {
        assertThat(new ConfigFiles(dir).messages(DATACENTER + "    token: [tok-in-a-list]\n"))
                .containsExactly("/tracker/auth/token must be a text, not a list");
    }
}
