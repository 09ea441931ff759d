package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.postmortemsync.config.Config;
import io.postmortemsync.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What holds for every installation: valid Kubernetes objects, a locked-down pod, secrets only as
 * files, and a config file the daemon accepts. (Rendering itself reads every object strictly into
 * the Kubernetes model, so a field the API does not know fails each of these tests.)
 */
class EveryScenarioTest {

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyObjectBelongsToTheReleaseInItsNamespace(Scenario scenario) {
        for (Rendered.Manifest manifest : scenario.render().manifests()) {
            HasMetadata object = manifest.object();
            assertThat(object.getMetadata().getName()).as(manifest.kind()).startsWith(HelmChart.FULLNAME);
            assertThat(object.getMetadata().getNamespace()).as(manifest.kind()).isEqualTo(HelmChart.NAMESPACE);
            assertThat(object.getMetadata().getLabels())
                    .as(manifest.kind())
                    .containsEntry("app.kubernetes.io/name", "postmortem-sync")
                    .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void thePodRunsAsANonRootUserWithAReadOnlyRootFilesystemAndNoPrivileges(Scenario scenario) {
        Rendered rendered = scenario.render();
        PodSecurityContext pod = rendered.podTemplate().getSpec().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getRunAsGroup()).isEqualTo(10001L);
        assertThat(pod.getFsGroup())
                .as("lets the user read the 0440 secret files")
                .isEqualTo(10001L);
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        SecurityContext container = rendered.container().getSecurityContext();
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getPrivileged()).isNotEqualTo(true);
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void thePodWritesOnlyToItsEmptyDirsAndGetsNoServiceAccountToken(Scenario scenario) {
        Rendered rendered = scenario.render();
        PodSpec pod = rendered.podTemplate().getSpec();
        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        assertThat(volumes).containsOnlyKeys("config", "data", "tmp");
        assertThat(volumes.get("data").getEmptyDir()).isNotNull();
        assertThat(volumes.get("tmp").getEmptyDir()).isNotNull();

        Map<String, VolumeMount> mounts = rendered.container().getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));
        assertThat(mounts).containsOnlyKeys("/etc/postmortem-sync", "/var/lib/postmortem-sync", "/tmp");
        assertThat(mounts.get("/etc/postmortem-sync").getName()).isEqualTo("config");
        assertThat(mounts.get("/etc/postmortem-sync").getReadOnly()).isTrue();
        assertThat(mounts.get("/var/lib/postmortem-sync").getName()).isEqualTo("data");
        assertThat(mounts.get("/tmp").getName()).isEqualTo("tmp");

        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        ServiceAccount account = rendered.one(ServiceAccount.class);
        assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void secretsReachThePodOnlyAsFilesReadableByOwnerAndGroup(Scenario scenario) {
        Rendered rendered = scenario.render();
        Container container = rendered.container();
        assertThat(container.getEnvFrom()).as("envFrom").isNullOrEmpty();
        for (EnvVar env : container.getEnv()) {
            assertThat(env.getValueFrom())
                    .as("env %s takes no value from a Secret or anything else", env.getName())
                    .isNull();
            for (String secret : secretValues(scenario, rendered)) {
                assertThat(env.getValue()).as("env %s", env.getName()).doesNotContain(secret.strip());
            }
        }
        assertThat(ConfigVolume.of(rendered).getDefaultMode()).as("0440").isEqualTo(0440);
        for (String secret : secretValues(scenario, rendered)) {
            assertThat(rendered.configFile())
                    .as("the config file holds no secret value")
                    .doesNotContain(secret.strip());
        }
        for (String key : ConfigVolume.secretKeys(rendered)) {
            assertThat(rendered.configFile()).contains("secrets/" + key);
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void theDaemonsConfigLoaderAcceptsTheMountedConfigWithItsSecretFiles(Scenario scenario, @TempDir Path mount) {
        Rendered rendered = scenario.render();
        Path configFile = ConfigVolume.write(rendered, mount, scenario.existingSecret);

        Config config = ConfigLoader.load(configFile, Map.of());

        assertThat(config.server().port())
                .as("the port the pod opens")
                .isEqualTo(
                        scenario == Scenario.CRONJOB
                                ? 9464
                                : rendered.container().getPorts().getFirst().getContainerPort());
        if (config.source().git() != null) {
            assertThat(config.source().git().workdir())
                    .as("the clone goes to the emptyDir")
                    .isEqualTo(Path.of("/var/lib/postmortem-sync/git"));
        }
    }

    /** Every secret value of the scenario: the Secret the chart renders, or the one the user made. */
    private static List<String> secretValues(Scenario scenario, Rendered rendered) {
        List<String> values = new ArrayList<>(scenario.existingSecret.values());
        rendered.find(Secret.class)
                .ifPresent(secret -> secret.getData()
                        .values()
                        .forEach(encoded ->
                                values.add(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))));
        return values;
    }
}
