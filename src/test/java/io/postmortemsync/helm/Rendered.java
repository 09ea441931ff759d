package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The manifests of one `helm template`, each as parsed YAML and as its strictly read Kubernetes object. */
record Rendered(List<Manifest> manifests) {

    static final YAMLMapper YAML = new YAMLMapper();

    record Manifest(JsonNode json, HasMetadata object) {
        String kind() {
            return object.getKind();
        }
    }

    static Rendered parse(String output) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(output)) {
            while (documents.hasNext()) {
                JsonNode json = documents.next();
                if (json != null && !json.isNull() && !json.isEmpty()) {
                    manifests.add(new Manifest(json, KubernetesModel.read(json)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template printed something that is not YAML", e);
        }
        return new Rendered(List.copyOf(manifests));
    }

    List<String> kinds() {
        return manifests.stream().map(Manifest::kind).sorted().toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return manifests.stream()
                .map(Manifest::object)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("%s objects", type.getSimpleName()).hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("%s objects", type.getSimpleName()).hasSize(1);
        return found.getFirst();
    }

    /** The parsed YAML of the one object of {@code kind}. */
    JsonNode json(String kind) {
        List<JsonNode> found = manifests.stream()
                .filter(m -> m.kind().equals(kind))
                .map(Manifest::json)
                .toList();
        assertThat(found).as("%s objects", kind).hasSize(1);
        return found.getFirst();
    }

    /** The pod template of the Deployment or, in mode cronjob, of the CronJob. */
    PodTemplateSpec podTemplate() {
        Optional<Deployment> deployment = find(Deployment.class);
        Optional<CronJob> cronJob = find(CronJob.class);
        assertThat(deployment.isPresent() ^ cronJob.isPresent())
                .as("either a Deployment or a CronJob")
                .isTrue();
        return deployment
                .map(d -> d.getSpec().getTemplate())
                .orElseGet(() -> cronJob.orElseThrow()
                        .getSpec()
                        .getJobTemplate()
                        .getSpec()
                        .getTemplate());
    }

    Container container() {
        List<Container> containers = podTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }

    /** The daemon's config file as the pod reads it. */
    String configFile() {
        ConfigMap configMap = all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(HelmChart.FULLNAME))
                .findFirst()
                .orElseThrow();
        return configMap.getData().get("config.yaml");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> config() {
        try {
            return YAML.readValue(configFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Secret> secret() {
        return find(Secret.class);
    }

    Service service() {
        return one(Service.class);
    }
}
