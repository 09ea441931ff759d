package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The daemon's Deployment: a single writer, probed on its own endpoints, rolled when its config or secrets change. */
class DeploymentTest {

    @Test
    void oneReplicaReplacedByRecreateSoTwoPodsNeverWriteAtOnce() {
        Deployment deployment = HelmChart.withDefaults().render().one(Deployment.class);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate()).isNull();
    }

    @Test
    void theContainerRunsTheDaemonWithTheMountedConfig() {
        Container container = HelmChart.withDefaults().render().container();

        assertThat(container.getImage()).isEqualTo("ghcr.io/postmortem-sync/postmortem-sync:0.1.0");
        assertThat(container.getCommand())
                .as("the image's entrypoint runs java")
                .isNullOrEmpty();
        assertThat(container.getArgs()).containsExactly("--config", "/etc/postmortem-sync/config.yaml", "run");
        assertThat(env(container)).containsEntry("POSTMORTEM_SYNC_CONFIG", "/etc/postmortem-sync/config.yaml");
    }

    @Test
    void anImageDigestPinsTheImage() {
        String digest = "sha256:" + "ab".repeat(32);
        Container container = HelmChart.withDefaults()
                .values("image: {repository: registry.acme.example/pmsync, tag: '1.2.3', digest: '" + digest + "'}")
                .render()
                .container();

        assertThat(container.getImage()).isEqualTo("registry.acme.example/pmsync@" + digest);
    }

    @Test
    void startupAndLivenessAskHealthzAndReadinessAsksReadyzOnTheMetricsPort() {
        Container container = HelmChart.withDefaults().render().container();

        assertThat(container.getPorts())
                .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("metrics", 9464));
        assertHttpProbe(container.getStartupProbe(), "/healthz");
        assertHttpProbe(container.getLivenessProbe(), "/healthz");
        assertHttpProbe(container.getReadinessProbe(), "/readyz");
        assertThat(container.getStartupProbe().getPeriodSeconds()
                        * container.getStartupProbe().getFailureThreshold())
                .as("seconds the JVM gets to start before liveness counts")
                .isGreaterThanOrEqualTo(60);
        assertThat(container.getLivenessProbe().getFailureThreshold()).isGreaterThan(1);
    }

    @Test
    void theMetricsPortIsTheDaemonsServerPort() {
        Container container = HelmChart.scenario("all-features.yaml").render().container();

        assertThat(container.getPorts().getFirst().getContainerPort()).isEqualTo(9100);
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("metrics");
    }

    @Test
    void theHeapFollowsTheContainerMemoryLimit() {
        Container container = HelmChart.withDefaults().render().container();

        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(Quantity.getAmountInBytes(
                        container.getResources().getLimits().get("memory")))
                .as("a request equal to the limit: the pod is not evicted for memory first")
                .isEqualTo(Quantity.getAmountInBytes(
                        container.getResources().getRequests().get("memory")));
        assertThat(env(container).get("JDK_JAVA_OPTIONS"))
                .contains("-XX:MaxRAMPercentage=75.0")
                .contains("-XX:+ExitOnOutOfMemoryError")
                .doesNotContain("-Xmx");
    }

    @Test
    void theChecksumOfTheConfigIsOfTheFileThePodMounts() throws Exception {
        Rendered rendered = HelmChart.scenario("all-features.yaml").render();
        String mounted = rendered.configFile();

        // Helm's toYaml output, as the ConfigMap's block scalar ends it with one newline.
        String checksum = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(mounted.substring(0, mounted.length() - 1).getBytes(StandardCharsets.UTF_8)));
        assertThat(annotations(rendered)).containsEntry("checksum/config", checksum);
    }

    @Test
    void aConfigChangeRollsThePodThroughChecksumConfigOnly() {
        Map<String, String> before =
                annotations(HelmChart.scenario("all-features.yaml").render());
        Map<String, String> after = annotations(HelmChart.scenario("all-features.yaml")
                .values("config: {sync: {interval: 10m}}")
                .render());

        assertThat(after.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
        assertThat(after.get("checksum/secret")).isEqualTo(before.get("checksum/secret"));
    }

    @Test
    void aSecretChangeRollsThePodThroughChecksumSecretOnly() {
        Map<String, String> before =
                annotations(HelmChart.scenario("all-features.yaml").render());
        Map<String, String> after = annotations(HelmChart.scenario("all-features.yaml")
                .values("secrets: {jiraApiToken: ATATT-rotated-token}")
                .render());

        assertThat(after.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
        assertThat(after.get("checksum/config")).isEqualTo(before.get("checksum/config"));
    }

    @Test
    void switchingToAnotherExistingSecretRollsThePod() {
        Map<String, String> before =
                annotations(HelmChart.scenario("existing-secret.yaml").render());
        Map<String, String> after = annotations(HelmChart.scenario("existing-secret.yaml")
                .values("existingSecret: pmsync-credentials-2")
                .render());

        assertThat(after.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
    }

    @Test
    void podAnnotationsAndLabelsAreAddedWithoutReplacingTheChartS() {
        Rendered rendered = HelmChart.withDefaults()
                .values("podAnnotations: {team: sre}\npodLabels: {cost-center: '42'}")
                .render();

        assertThat(annotations(rendered))
                .containsKeys("checksum/config", "checksum/secret")
                .containsEntry("team", "sre");
        assertThat(rendered.podTemplate().getMetadata().getLabels())
                .containsEntry("cost-center", "42")
                .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE);
    }

    @Test
    void theDeploymentSelectsItsOwnPods() {
        Deployment deployment = HelmChart.withDefaults().render().one(Deployment.class);

        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void modeDeploymentRendersNoCronjob() {
        assertThat(HelmChart.withDefaults().render().find(CronJob.class)).isEmpty();
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe of %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(probe.getTimeoutSeconds()).isPositive();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Map<String, String> annotations(Rendered rendered) {
        return rendered.podTemplate().getMetadata().getAnnotations();
    }
}
