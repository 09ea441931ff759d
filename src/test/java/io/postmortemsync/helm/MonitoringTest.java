package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How Prometheus and Grafana get at the daemon: Service, ServiceMonitor, PrometheusRule, dashboard. */
class MonitoringTest {

    private static final Path RULES = HelmChart.DIR.resolve("files/prometheus-alerts.yaml");
    private static final Path DASHBOARD = HelmChart.DIR.resolve("files/grafana-dashboard.json");
    private static final String RUNBOOK_PREFIX =
            "https://github.com/postmortem-sync/postmortem-sync/blob/main/docs/metrics-and-alerts.md#";

    @Test
    void byDefaultOnlyTheServiceIsThereAndTheOperatorObjectsAreOptIn() {
        assertThat(HelmChart.withDefaults().render().kinds())
                .containsExactly("ConfigMap", "Deployment", "Service", "ServiceAccount");
    }

    @Test
    void everyOptionalFeatureOnRendersItsObject() {
        assertThat(Scenario.ALL_FEATURES.render().kinds())
                .containsExactly(
                        "ConfigMap",
                        "ConfigMap",
                        "Deployment",
                        "NetworkPolicy",
                        "PrometheusRule",
                        "Secret",
                        "Service",
                        "ServiceAccount",
                        "ServiceMonitor");
    }

    @Test
    void theServiceReachesTheMetricsPortOfThePodEvenWhileItIsNotReady() {
        Rendered rendered = Scenario.ALL_FEATURES.render();
        Service service = rendered.service();
        Container container = rendered.container();

        assertThat(rendered.podTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        ServicePort port = service.getSpec().getPorts().getFirst();
        assertThat(service.getSpec().getPorts()).hasSize(1);
        assertThat(port.getName()).isEqualTo("metrics");
        assertThat(port.getTargetPort().getStrVal())
                .isEqualTo(container.getPorts().getFirst().getName());
        assertThat(port.getPort()).isEqualTo(container.getPorts().getFirst().getContainerPort());
        assertThat(service.getSpec().getPublishNotReadyAddresses())
                .as("a failing /readyz must not hide the metrics the stale-sync alert watches")
                .isTrue();
    }

    @Test
    void theServiceMonitorSelectsTheServiceAndScrapesItsMetricsPortHonoringOurLabels() {
        Rendered rendered = Scenario.ALL_FEATURES.render();
        ServiceMonitor monitor = rendered.one(ServiceMonitor.class);
        Service service = rendered.service();

        assertThat(service.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames())
                .containsExactly(service.getMetadata().getNamespace());
        assertThat(monitor.getSpec().getEndpoints()).hasSize(1);
        Endpoint endpoint = monitor.getSpec().getEndpoints().getFirst();
        assertThat(endpoint.getPort())
                .isEqualTo(service.getSpec().getPorts().getFirst().getName());
        assertThat(endpoint.getPath()).isEqualTo("/metrics");
        assertThat(endpoint.getHonorLabels())
                .as("keeps the metrics' own service label")
                .isTrue();
        assertThat(endpoint.getInterval()).isEqualTo("60s");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    }

    @Test
    void thePrometheusRuleHoldsExactlyTheGroupsOfTheRulesFilePromtoolTests() throws Exception {
        Rendered rendered = Scenario.ALL_FEATURES.render();
        JsonNode file = Rendered.YAML.readTree(RULES.toFile());

        assertThat(rendered.json("PrometheusRule").path("spec").path("groups")).isEqualTo(file.path("groups"));
        assertThat(rendered.json("PrometheusRule").path("spec").size()).isEqualTo(1);
        assertThat(rendered.one(PrometheusRule.class).getMetadata().getLabels())
                .containsEntry("release", "kube-prometheus-stack");
    }

    @Test
    void aRunbookUrlPrefixReplacesThePlaceholderPrefixAndNothingElse() throws Exception {
        String prefix = "https://git.acme.example/sre/postmortem-sync/blob/main/docs/metrics-and-alerts.md#";
        Rendered rendered = HelmChart.withDefaults()
                .values("prometheusRule: {enabled: true, runbookUrlPrefix: '" + prefix + "'}")
                .render();
        JsonNode groups = rendered.json("PrometheusRule").path("spec").path("groups");
        JsonNode expected =
                Rendered.YAML.readTree(RULES.toFile()).path("groups").deepCopy();

        int replaced = 0;
        for (JsonNode group : expected) {
            for (JsonNode rule : group.path("rules")) {
                ObjectNode annotations = (ObjectNode) rule.path("annotations");
                String url = annotations.path("runbook_url").asText();
                assertThat(url).startsWith(RUNBOOK_PREFIX);
                annotations.put("runbook_url", prefix + url.substring(RUNBOOK_PREFIX.length()));
                replaced++;
            }
        }
        assertThat(replaced).isPositive();
        assertThat(groups).isEqualTo(expected);
    }

    @Test
    void theDashboardConfigMapHoldsTheDashboardFileForTheGrafanaSidecar() throws Exception {
        ConfigMap dashboard = Scenario.ALL_FEATURES.render().all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(HelmChart.FULLNAME + "-dashboard"))
                .findFirst()
                .orElseThrow();

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "SRE");
        assertThat(dashboard.getData()).containsOnlyKeys("postmortem-sync.json");
        JsonMapper json = new JsonMapper();
        assertThat(json.readTree(dashboard.getData().get("postmortem-sync.json")))
                .isEqualTo(json.readTree(Files.readString(DASHBOARD)));
    }

    @Test
    void theDashboardMayGoToGrafanaSNamespace() {
        ConfigMap dashboard = HelmChart.withDefaults()
                .values("grafanaDashboard: {enabled: true, namespace: monitoring}")
                .render()
                .all(ConfigMap.class)
                .stream()
                .filter(c -> c.getMetadata().getName().endsWith("-dashboard"))
                .findFirst()
                .orElseThrow();

        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");
    }

    @Test
    void theNetworkPolicyLetsPrometheusInToTheMetricsPortAndTheDaemonOutToDnsJiraAndGit() {
        Rendered rendered = Scenario.ALL_FEATURES.render();
        NetworkPolicy policy = rendered.one(NetworkPolicy.class);

        assertThat(rendered.podTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        assertThat(policy.getSpec().getIngress().getFirst().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("metrics"));
        assertThat(policy.getSpec().getIngress().getFirst().getFrom())
                .singleElement()
                .satisfies(from -> assertThat(from.getNamespaceSelector().getMatchLabels())
                        .containsEntry("kubernetes.io/metadata.name", "monitoring"));

        assertThat(egressPorts(policy, 0)).containsExactly("UDP/53", "TCP/53");
        assertThat(egressPorts(policy, 1)).as("Jira and GitHub over https").containsExactly("TCP/443");
        assertThat(policy.getSpec().getEgress().get(1).getTo())
                .singleElement()
                .satisfies(to -> assertThat(to.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0"));
        assertThat(policy.getSpec().getEgress()).hasSize(2);
    }

    @Test
    void egressFollowsThePortsOfTheJiraAndGitUrls() {
        NetworkPolicy ssh = Scenario.GIT_SSH.render().one(NetworkPolicy.class);
        assertThat(egressPorts(ssh, 1)).containsExactly("TCP/22", "TCP/443");

        NetworkPolicy ownPorts = HelmChart.withDefaults().values("""
                        networkPolicy: {enabled: true, extraEgress: [{to: [{ipBlock: {cidr: 10.1.2.3/32}}], ports: [{port: 3128}]}]}
                        config:
                          source: {type: git, git: {url: 'ssh://git@git.acme.example:2222/sre/pm.git'}}
                          tracker: {url: 'https://jira.acme.example:8443/jira', project: OPS}
                        """).render().one(NetworkPolicy.class);
        assertThat(egressPorts(ownPorts, 1)).containsExactly("TCP/2222", "TCP/8443");
        assertThat(egressPorts(ownPorts, 2)).as("the extra rule, e.g. a proxy").containsExactly("TCP/3128");
    }

    @Test
    void offlineWithADirectorySourceTheDaemonMayReachOnlyDns() {
        NetworkPolicy policy = HelmChart.withDefaults()
                .values("networkPolicy: {enabled: true}")
                .render()
                .one(NetworkPolicy.class);

        assertThat(policy.getSpec().getEgress()).hasSize(1);
        assertThat(egressPorts(policy, 0)).containsExactly("UDP/53", "TCP/53");
    }

    @Test
    void inCronjobModeNothingMayComeIn() {
        NetworkPolicy policy = Scenario.CRONJOB.render().one(NetworkPolicy.class);

        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
        assertThat(policy.getSpec().getIngress()).isEmpty();
    }

    private static List<String> egressPorts(NetworkPolicy policy, int rule) {
        return policy.getSpec().getEgress().get(rule).getPorts().stream()
                .map(p -> (p.getProtocol() == null ? "TCP" : p.getProtocol()) + "/"
                        + (p.getPort().getIntVal() != null
                                ? p.getPort().getIntVal()
                                : p.getPort().getStrVal()))
                .toList();
    }
}
