package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ItemType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What tracker.type jira requires: a URL, a project for every type, and exactly one auth scheme. */
class JiraRequirementsTest {

    @TempDir
    Path dir;

    private ConfigFiles files() {
        return new ConfigFiles(dir);
    }

    @Test
    void jiraNeedsUrlProjectAndAuth() {
        assertThat(files().problems("tracker:\n  type: jira\n"))
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "/tracker/url is required when /tracker/type is jira, e.g. https://acme.atlassian.net",
                        "/tracker/auth is required when /tracker/type is jira: email + apiToken for Jira Cloud, or token for Data Center",
                        "/tracker/project is required when /tracker/type is jira, unless every type names its own project"
                                + " (/tracker/types/<type>/project is missing for: prevent, detect, respond)");
    }

    @Test
    void aProjectForEveryTypeReplacesTheDefaultProject() {
        Config config = files().load("""
                tracker:
                  url: https://acme.atlassian.net
                  auth: {token: pat}
                  types:
                    prevent: {project: PRV}
                    detect: {project: DET}
                    respond: {project: RSP}
                """);
        assertThat(config.tracker().project()).isNull();
        assertThat(config.tracker()
                        .route(ItemType.DETECT)
                        .projectOr(config.tracker().project()))
                .isEqualTo("DET");

        assertThat(files().messages("""
                tracker:
                  url: https://acme.atlassian.net
                  auth: {token: pat}
                  types:
                    prevent: {project: PRV}
                """))
                .containsExactly("/tracker/project is required when /tracker/type is jira, unless every type names"
                        + " its own project (/tracker/types/<type>/project is missing for: detect, respond)");
    }

    @Test
    void anInvalidUrlIsReportedOnceNotAlsoAsMissing() {
        assertThat(files().messages("""
                tracker:
                  url: acme
                  project: OPS
                  auth: {token: pat}
                """))
                .containsExactly(
                        "/tracker/url must be an absolute http(s) URL like https://acme.atlassian.net (got \"acme\")");
    }

    private static final String SITE = """
            tracker:
              url: https://acme.atlassian.net
              project: OPS
            """;

    @Test
    void cloudNeedsEmailAndApiToken() {
        assertThat(files().messages(SITE + "  deployment: cloud\n  auth: {email: ops@example.com}\n"))
                .containsExactly("/tracker/auth/apiToken is required for Jira Cloud (or apiTokenFile)");
        assertThat(files().messages(SITE + "  deployment: cloud\n  auth: {token: pat}\n"))
                .containsExactly(
                        "/tracker/auth gives token, a Data Center personal access token, but /tracker/deployment is cloud:"
                                + " Jira Cloud uses email + apiToken; use one scheme",
                        "/tracker/auth/email is required for Jira Cloud (the Atlassian account the API token belongs to)",
                        "/tracker/auth/apiToken is required for Jira Cloud (or apiTokenFile)");
        Config ok = files().load(SITE + "  deployment: cloud\n  auth: {email: ops@example.com, apiToken: t}\n");
        assertThat(ok.tracker().auth().email()).isEqualTo("ops@example.com");
        assertThat(ok.tracker().auth().apiToken().reveal()).isEqualTo("t");
        assertThat(ok.tracker().auth().token()).isNull();
    }

    @Test
    void datacenterNeedsAPersonalAccessToken() {
        assertThat(files().messages(SITE + "  deployment: datacenter\n  auth: {}\n"))
                .containsExactly(
                        "/tracker/auth/token is required for Jira Data Center (a personal access token; or tokenFile)");
        assertThat(files().messages(SITE + "  deployment: datacenter\n  auth: {email: a@example.com, apiToken: t}\n"))
                .containsExactly("/tracker/auth gives email/apiToken, the Jira Cloud scheme, but /tracker/deployment is"
                        + " datacenter: Data Center uses token (a personal access token); use one scheme");
    }

    @Test
    void autoTakesExactlyOneScheme() {
        assertThat(files().messages(SITE + "  auth: {email: a@example.com, apiToken: t, token: pat}\n"))
                .containsExactly(
                        "/tracker/auth gives both email + apiToken (Jira Cloud) and token (Data Center): use one scheme");
        assertThat(files().messages(SITE + "  auth: {email: a@example.com}\n"))
                .containsExactly("/tracker/auth/apiToken is required with email (or apiTokenFile)");
        assertThat(files().messages(SITE + "  auth: {apiToken: t}\n"))
                .containsExactly(
                        "/tracker/auth/email is required with apiToken (the Atlassian account the API token belongs to)");
        assertThat(files().load(SITE + "  auth: {token: pat}\n")
                        .tracker()
                        .auth()
                        .token()
                        .reveal())
                .isEqualTo("pat");
    }

    @Test
    void credentialsNeverTravelOverPlainHttpExceptToLocalhost() {
        assertThat(files().messages("tracker:\n  url: http://jira.example.com\n  project: OPS\n  auth: {token: pat}\n"))
                .containsExactly("/tracker/url would send the credentials unencrypted over http://: use https://"
                        + " (plain http is accepted for localhost only)");
        // A fake Jira in a test, or a proxy sidecar in the same pod.
        assertThat(files().load("tracker:\n  url: http://127.0.0.1:8080\n  project: OPS\n  auth: {token: pat}\n")
                        .tracker()
                        .url())
                .hasToString("http://127.0.0.1:8080");
    }

    @Test
    void anEmptySchemeFromTheEnvironmentLeavesTheOtherOne() {
        // One file for both kinds of site: the unset variables make their keys count as not given.
        Config config = files().withEnv(java.util.Map.of("JIRA_PAT", "pat")).load(SITE + """
                  auth:
                    email: ${JIRA_EMAIL:-}
                    apiToken: ${JIRA_API_TOKEN:-}
                    token: ${JIRA_PAT:-}
                """);
        assertThat(config.tracker().auth().token().reveal()).isEqualTo("pat");
        assertThat(config.tracker().auth().email()).isNull();
    }
}
