package io.postmortemsync.helm;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The installations the chart tests render: the chart's defaults, the scenarios in the test
 * resources, and the two examples of examples/helm as the README installs them.
 */
enum Scenario {
    DEFAULTS(HelmChart::withDefaults, Map.of()),
    ALL_FEATURES(() -> HelmChart.scenario("all-features.yaml"), Map.of()),
    EXISTING_SECRET(
            () -> HelmChart.scenario("existing-secret.yaml"),
            Map.of("jira-token", "dc-personal-access-token", "git-password", "git-https-token")),
    GIT_SSH(() -> HelmChart.scenario("git-ssh.yaml"), Map.of()),
    CRONJOB(() -> HelmChart.scenario("cronjob.yaml"), Map.of()),
    EXAMPLE_JIRA_CLOUD_HTTPS(
            () -> HelmChart.example("jira-cloud-https.yaml")
                    .setFile("secrets.jiraApiToken", HelmChart.TEST_VALUES.resolve("jira-api-token.txt"))
                    .setFile("secrets.gitPassword", HelmChart.TEST_VALUES.resolve("github-token.txt")),
            Map.of()),
    EXAMPLE_JIRA_DATACENTER_SSH(
            () -> HelmChart.example("jira-datacenter-ssh.yaml"),
            Map.of(
                    "jira-token",
                    "dc-personal-access-token",
                    "git-ssh-key",
                    "(a private key)\n",
                    "git-known-hosts",
                    "git.acme.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleHostKey\n"));

    @SuppressWarnings("ImmutableEnumChecker") // a fixture: renders the chart on demand
    private final Supplier<HelmChart> chart;
    /** The content of the Secret the user created, for the scenarios with existingSecret. */
    @SuppressWarnings("ImmutableEnumChecker") // built with Map.of, which is immutable
    final Map<String, String> existingSecret;

    Scenario(Supplier<HelmChart> chart, Map<String, String> existingSecret) {
        this.chart = chart;
        this.existingSecret = existingSecret;
    }

    HelmChart chart() {
        return chart.get();
    }

    Rendered render() {
        return chart.get().render();
    }
}
