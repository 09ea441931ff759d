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
    void one_replica_replaced_by_recreate_so_two_pods_never_write_at_once() {
        Deployment deployment = HelmChart.withDefaults().render().one(Deployment.class);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate()).isNull();
    }

    @Test
    void the_container_runs_the_daemon_with_the_mounted_config() {
        Container container = HelmChart.withDefaults().render().container();

        assertThat(container.getImage()).isEqualTo("ghcr.io/postmortem-sync/postmortem-sync:0.1.0");
        assertThat(container.getCommand())
                .as("the image's entrypoint runs java")
                .isNullOrEmpty();
        assertThat(container.getArgs()).containsExactly("--config", "/etc/postmortem-sync/config.yaml", "run");
        assertThat(env(container)).containsEntry("POSTMORTEM_SYNC_CONFIG", "/etc/postmortem-sync/config.yaml");
    }

    @Test
    void an_image_digest_pins_the_image() {
        String digest = "sha256:" + "ab".repeat(32);
        Container container = HelmChart.withDefaults()
                .values("image: {repository: registry.acme.example/pmsync, tag: '1.2.3', digest: '" + digest + "'}")
                .render()
                .container();

        assertThat(container.getImage()).isEqualTo("registry.acme.example/pmsync@" + digest);
    }

    @Test
    void startup_and_liveness_ask_healthz_and_readiness_asks_readyz_on_the_metrics_port() {
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
    void the_metrics_port_is_the_daemons_server_port() {
        Container container = HelmChart.scenario("all-features.yaml").render().container();

        assertThat(container.getPorts().getFirst().getContainerPort()).isEqualTo(9100);
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("metrics");
    }

    @Test
    void the_heap_follows_the_container_memory_limit() {
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
    void the_checksum_of_the_config_is_of_the_file_the_pod_mounts() throws Exception {
        Rendered rendered = HelmChart.scenario("all-features.yaml").render();
        String mounted = rendered.configFile();

        // Helm's toYaml output, as the ConfigMap's block scalar ends it with one newline.
        String checksum = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(mounted.substring(0, mounted.length() - 1).getBytes(StandardCharsets.UTF_8)));
        assertThat(annotations(rendered)).containsEntry("checksum/config", checksum);
    }

    @Test
    void a_config_change_rolls_the_pod_through_checksum_config_only() {
        Map<String, String> before =
                annotations(HelmChart.scenario("all-features.yaml").render());
        Map<String, String> after = annotations(HelmChart.scenario("all-features.yaml")
                .values("config: {sync: {interval: 10m}}")
                .render());

        assertThat(after.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
        assertThat(after.get("checksum/secret")).isEqualTo(before.get("checksum/secret"));
    }

    @Test
    void a_secret_change_rolls_the_pod_through_checksum_secret_only() {
        Map<String, String> before =
                annotations(HelmChart.scenario("all-features.yaml").render());
        Map<String, String> after = annotations(HelmChart.scenario("all-features.yaml")
                .values("secrets: {jiraApiToken: ATATT-rotated-token}")
                .render());

        assertThat(after.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
        assertThat(after.get("checksum/config")).isEqualTo(before.get("checksum/config"));
    }

    @Test
    void switching_to_another_existing_secret_rolls_the_pod() {
        Map<String, String> before =
                annotations(HelmChart.scenario("existing-secret.yaml").render());
        Map<String, String> after = annotations(HelmChart.scenario("existing-secret.yaml")
                .values("existingSecret: pmsync-credentials-2")
                .render());

        assertThat(after.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
    }

    @Test
    void pod_annotations_and_labels_are_added_without_replacing_the_chart_s() {
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
    void the_deployment_selects_its_own_pods() {
        Deployment deployment = HelmChart.withDefaults().render().one(Deployment.class);

        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void mode_deployment_renders_no_cronjob() {
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
