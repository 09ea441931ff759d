package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict reading the chart tests rely on really rejects what the Kubernetes API would. */
class KubernetesModelTest {

    private static JsonNode yaml(String text) throws Exception {
        return Rendered.YAML.readTree(text);
    }

    @Test
    void aValidObjectIsReadIntoItsType() throws Exception {
        JsonNode manifest = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 1
                  strategy: {type: Recreate}
                  template:
                    spec:
                      containers: [{name: x, image: x, securityContext: {readOnlyRootFilesystem: true}}]
                """);

        assertThat(KubernetesModel.read(manifest))
                .isInstanceOfSatisfying(
                        Deployment.class,
                        d -> assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate"));
    }

    @Test
    void aFieldTheApiDoesNotHaveIsAnErrorNamingIt() throws Exception {
        JsonNode typo = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers: [{name: x, image: x, securityContext: {readOnlyRootFileSystem: true}}]
                """);

        assertThatThrownBy(() -> KubernetesModel.read(typo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readOnlyRootFileSystem");
    }

    @Test
    void aFieldAtTheWrongLevelIsAnError() throws Exception {
        JsonNode misplaced = yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: x}
                spec:
                  ports: [{name: metrics, port: 9464}]
                  honorLabels: true
                """);

        assertThatThrownBy(() -> KubernetesModel.read(misplaced)).hasMessageContaining("honorLabels");
    }

    @Test
    void aKindAtAnApiVersionTheChartMustNotUseIsAnError() throws Exception {
        JsonNode old = yaml("""
                apiVersion: batch/v1beta1
                kind: CronJob
                metadata: {name: x}
                """);

        assertThatThrownBy(() -> KubernetesModel.read(old)).hasMessageContaining("batch/v1beta1/CronJob");
    }

    @Test
    void aMonitoringObjectIsCheckedAsStrictly() throws Exception {
        JsonNode typo = yaml("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  endpoints: [{port: metrics, honourLabels: true}]
                """);

        assertThatThrownBy(() -> KubernetesModel.read(typo)).hasMessageContaining("honourLabels");
    }
}
