package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The pod's config volume written to a folder the way the kubelet projects it: every item of the
 * volume's ConfigMap and Secret sources, at its path. The folder then stands in for
 * /etc/postmortem-sync, so the daemon's own config loader can read what the pod would read.
 */
final class ConfigVolume {

    static final String NAME = "config";

    private ConfigVolume() {}

    static ProjectedVolumeSource of(Rendered rendered) {
        List<Volume> volumes = rendered.podTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(NAME))
                .toList();
        assertThat(volumes).as("the config volume").hasSize(1);
        assertThat(volumes.getFirst().getProjected())
                .as("the config volume is projected")
                .isNotNull();
        return volumes.getFirst().getProjected();
    }

    /** The Secret keys the pod mounts, in order. */
    static List<String> secretKeys(Rendered rendered) {
        List<String> keys = new ArrayList<>();
        for (VolumeProjection source : of(rendered).getSources()) {
            if (source.getSecret() != null) {
                source.getSecret().getItems().forEach(item -> keys.add(item.getKey()));
            }
        }
        return keys;
    }

    /**
     * Writes the volume into {@code folder}.
     *
     * @param existingSecret the content of a Secret the chart does not render (existingSecret), by key
     * @return the config file
     */
    static Path write(Rendered rendered, Path folder, Map<String, String> existingSecret) {
        for (VolumeProjection source : of(rendered).getSources()) {
            if (source.getConfigMap() != null) {
                ConfigMap configMap = named(
                        rendered.all(ConfigMap.class), source.getConfigMap().getName());
                for (KeyToPath item : source.getConfigMap().getItems()) {
                    assertThat(configMap.getData()).as("ConfigMap keys").containsKey(item.getKey());
                    write(folder.resolve(item.getPath()), configMap.getData().get(item.getKey()));
                }
            } else if (source.getSecret() != null) {
                String name = source.getSecret().getName();
                boolean rendersIt = rendered.all(Secret.class).stream()
                        .anyMatch(s -> s.getMetadata().getName().equals(name));
                for (KeyToPath item : source.getSecret().getItems()) {
                    String content;
                    if (rendersIt) {
                        Map<String, String> data =
                                named(rendered.all(Secret.class), name).getData();
                        assertThat(data).as("keys of the Secret %s", name).containsKey(item.getKey());
                        content =
                                new String(Base64.getDecoder().decode(data.get(item.getKey())), StandardCharsets.UTF_8);
                    } else {
                        assertThat(existingSecret)
                                .as("keys of the existing Secret %s", name)
                                .containsKey(item.getKey());
                        content = existingSecret.get(item.getKey());
                    }
                    write(folder.resolve(item.getPath()), content);
                }
            } else {
                throw new AssertionError("the config volume projects only a ConfigMap and a Secret: " + source);
            }
        }
        return folder.resolve("config.yaml");
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T named(List<T> objects, String name) {
        return objects.stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rendered object named " + name));
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
