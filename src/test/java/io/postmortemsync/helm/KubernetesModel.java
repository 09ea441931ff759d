package io.postmortemsync.helm;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads rendered manifests into the Fabric8 Kubernetes model, strictly: a field the API does not
 * have (a typo, a wrong nesting level) is an error. Fabric8's classes would otherwise collect
 * unknown fields in their additionalProperties, so the mapper takes that catch-all away.
 */
final class KubernetesModel {

    /** Every kind the chart may render, at the API version it must use. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = List.of(
                    ConfigMap.class,
                    Secret.class,
                    Service.class,
                    ServiceAccount.class,
                    Deployment.class,
                    CronJob.class,
                    NetworkPolicy.class,
                    ServiceMonitor.class,
                    PrometheusRule.class)
            .stream()
            .collect(Collectors.toUnmodifiableMap(KubernetesModel::typeKey, Function.identity()));

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .addModule(new SimpleModule("no-additional-properties")
                    .setDeserializerModifier(new BeanDeserializerModifier() {
                        @Override
                        public BeanDeserializerBuilder updateBuilder(
                                DeserializationConfig config,
                                BeanDescription description,
                                BeanDeserializerBuilder builder) {
                            builder.setAnySetter(null);
                            return builder;
                        }
                    }))
            .build();

    private KubernetesModel() {}

    /**
     * The typed object of a manifest.
     *
     * @throws IllegalArgumentException for a kind or API version the chart must not render, or a
     *     field the Kubernetes API does not know (the message names it)
     */
    static HasMetadata read(JsonNode manifest) {
        String key = manifest.path("apiVersion").asText() + "/"
                + manifest.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new IllegalArgumentException(
                    "not a kind (at its API version) the chart renders: " + key + "; known: " + KINDS.keySet());
        }
        try {
            return STRICT.treeToValue(manifest, type);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    key + " " + manifest.path("metadata").path("name").asText() + " is not a valid "
                            + type.getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static String typeKey(Class<? extends HasMetadata> type) {
        return HasMetadata.getApiVersion(type) + "/" + HasMetadata.getKind(type);
    }
}
