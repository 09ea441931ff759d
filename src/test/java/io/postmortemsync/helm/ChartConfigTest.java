package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.postmortemsync.config.Config;
import io.postmortemsync.config.ConfigLoader;
import io.postmortemsync.config.TrackerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The config file the pod reads is values.config plus exactly the keys the chart adds: the …File
 * key of each mounted secret (secrets/KEY, next to config.yaml) and the git workdir on the
 * emptyDir. The daemon's own loader reads it, secrets included.
 */
class ChartConfigTest {

    private static final String WORKDIR = "/var/lib/postmortem-sync/git";

    @Test
    void byDefaultTheDaemonRunsOfflineOnTheEmptyDataVolume(@TempDir Path mount) {
        Rendered rendered = HelmChart.withDefaults().render();

        assertThat(rendered.config())
                .isEqualTo(Map.of("source", Map.of("type", "directory", "path", "/var/lib/postmortem-sync")));
        assertThat(rendered.find(Secret.class)).isEmpty();
        assertThat(ConfigVolume.secretKeys(rendered)).isEmpty();
        Config config = ConfigLoader.load(ConfigVolume.write(rendered, mount, Map.of()), Map.of());
        assertThat(config.tracker().isOffline()).isTrue();
        assertThat(config.source().path()).isEqualTo(Path.of("/var/lib/postmortem-sync"));
        assertThat(rendered.container().getVolumeMounts())
                .as("a folder that exists in the pod: the data emptyDir")
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/postmortem-sync"));
    }

    @Test
    void secretsGivenToTheChartBecomeFileKeysInTheConfigAndNothingElseChanges(@TempDir Path mount) {
        Rendered rendered = HelmChart.scenario("all-features.yaml").render();

        Map<String, Object> expected = valuesConfig(HelmChart.TEST_VALUES.resolve("all-features.yaml"));
        put(expected, "tracker/auth/apiTokenFile", "secrets/jira-api-token");
        put(expected, "source/git/passwordFile", "secrets/git-password");
        put(expected, "source/git/workdir", WORKDIR);
        assertThat(rendered.config()).isEqualTo(expected);
        assertThat(ConfigVolume.secretKeys(rendered)).containsExactly("jira-api-token", "git-password");

        Config config = ConfigLoader.load(ConfigVolume.write(rendered, mount, Map.of()), Map.of());
        assertThat(config.tracker().auth().email()).isEqualTo("postmortem-bot@acme.example");
        assertThat(config.tracker().auth().apiToken().reveal()).isEqualTo("ATATT-cloud-api-token");
        assertThat(config.source().git().password().reveal()).isEqualTo("ghp_git-https-token");
        assertThat(config.server().port()).isEqualTo(9100);
    }

    @Test
    void anSshKeyAndKnownHostsBecomeFileKeysTheLoaderFinds(@TempDir Path mount) {
        Rendered rendered = HelmChart.scenario("git-ssh.yaml").render();

        Map<String, Object> expected = valuesConfig(HelmChart.TEST_VALUES.resolve("git-ssh.yaml"));
        put(expected, "tracker/auth/tokenFile", "secrets/jira-token");
        put(expected, "source/git/sshKeyFile", "secrets/git-ssh-key");
        put(expected, "source/git/knownHostsFile", "secrets/git-known-hosts");
        put(expected, "source/git/workdir", WORKDIR);
        assertThat(rendered.config()).isEqualTo(expected);

        Config config = ConfigLoader.load(ConfigVolume.write(rendered, mount, Map.of()), Map.of());
        assertThat(config.tracker().deployment()).isEqualTo(TrackerConfig.Deployment.DATACENTER);
        assertThat(config.tracker().auth().token().reveal()).isEqualTo("dc-personal-access-token");
        assertThat(config.source().git().sshKeyFile()).isEqualTo(mount.resolve("secrets/git-ssh-key"));
        assertThat(config.source().git().knownHostsFile()).isEqualTo(mount.resolve("secrets/git-known-hosts"));
    }

    @Test
    void aSecretSetFromAFileWithATrailingNewlineIsReadWithoutIt(@TempDir Path mount) {
        Rendered rendered = Scenario.EXAMPLE_JIRA_CLOUD_HTTPS.render();

        Config config = ConfigLoader.load(ConfigVolume.write(rendered, mount, Map.of()), Map.of());

        assertThat(config.tracker().auth().apiToken().reveal()).isEqualTo("ATATT-token-from-a-file");
        assertThat(config.source().git().password().reveal()).isEqualTo("ghp_token-from-a-file");
    }

    @Test
    void withAnExistingSecretTheChartMountsTheKeysTheConfigNeedsAndCreatesNoSecret(@TempDir Path mount) {
        Rendered rendered = HelmChart.scenario("existing-secret.yaml").render();

        assertThat(rendered.find(Secret.class)).isEmpty();
        assertThat(ConfigVolume.of(rendered).getSources().get(1).getSecret().getName())
                .isEqualTo("pmsync-credentials");
        assertThat(ConfigVolume.secretKeys(rendered)).containsExactly("jira-token", "git-password");
        Map<String, Object> expected = valuesConfig(HelmChart.TEST_VALUES.resolve("existing-secret.yaml"));
        put(expected, "tracker/auth/tokenFile", "secrets/jira-token");
        put(expected, "source/git/passwordFile", "secrets/git-password");
        put(expected, "source/git/workdir", WORKDIR);
        assertThat(rendered.config()).isEqualTo(expected);

        Config config = ConfigLoader.load(
                ConfigVolume.write(rendered, mount, Scenario.EXISTING_SECRET.existingSecret), Map.of());
        assertThat(config.tracker().auth().token().reveal()).isEqualTo("dc-personal-access-token");
        assertThat(config.source().git().password().reveal()).isEqualTo("git-https-token");
    }

    /** The credentials the config loader will demand, given the rest of the config. */
    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            tracker: {url: 'https://a.atlassian.net', deployment: cloud, project: OPS}                  | jira-api-token
            tracker: {url: 'https://a.atlassian.net', auth: {email: a@b.c}, project: OPS}              | jira-api-token
            tracker: {url: 'https://a.atlassian.net', auth: {emailFile: /x/email}, project: OPS}       | jira-api-token
            tracker: {url: 'https://jira.a.com', project: OPS}                                         | jira-token
            tracker: {url: 'https://jira.a.com', deployment: DataCenter, project: OPS}                 | jira-token
            tracker: {url: 'https://jira.a.com', auth: {tokenFile: /own/pat}, project: OPS}            |
            tracker: {url: 'https://a.atlassian.net', auth: {email: a@b.c, apiTokenFile: /own/t}}      |
            tracker: {type: none}                                                                      |
            source: {type: directory}                                                                  |
            source: {type: git, git: {url: 'git@github.com:a/b.git'}}                                  | git-ssh-key,git-known-hosts
            source: {type: git, git: {url: 'ssh://git@git.a.com:2222/a/b.git'}}                        | git-ssh-key,git-known-hosts
            source: {type: git, git: {url: 'ssh://git.a.com/a/b.git', knownHostsFile: /own/kh}}        | git-ssh-key
            source: {type: Git, git: {url: 'https://github.com/a/b.git', username: x-access-token}}    | git-password
            source: {type: git, git: {url: 'https://github.com/a/b.git'}}                              |
            source: {type: git, git: {url: 'file:///srv/git/b.git'}}                                   |
            """)
    void withAnExistingSecretTheMountedKeysFollowTheConfig(String config, String keys) {
        Rendered rendered = HelmChart.withDefaults()
                .values("existingSecret: mine\nconfig:\n  " + config + "\n")
                .render();

        List<String> expected = keys == null ? List.of() : List.of(keys.split(","));
        assertThat(ConfigVolume.secretKeys(rendered)).isEqualTo(expected);
        for (String key : expected) {
            assertThat(rendered.configFile()).contains(": secrets/" + key);
        }
        assertThat(rendered.find(Secret.class)).isEmpty();
    }

    @Test
    void aGitWorkdirWrittenInTheConfigIsLeftAlone() {
        Rendered rendered = HelmChart.withDefaults().values("""
                        config:
                          source: {type: git, git: {url: 'file:///srv/git/b.git', workdir: /var/lib/postmortem-sync/mine}}
                        """).render();

        assertThat(rendered.config())
                .isEqualTo(Map.of(
                        "source",
                        Map.of(
                                "type",
                                "git",
                                "git",
                                Map.of("url", "file:///srv/git/b.git", "workdir", "/var/lib/postmortem-sync/mine"))));
    }

    @Test
    void aDirectorySourceGetsNoWorkdir() {
        Rendered rendered = HelmChart.withDefaults()
                .values("config: {source: {type: directory, path: /data}}")
                .render();

        assertThat(rendered.config()).isEqualTo(Map.of("source", Map.of("type", "directory", "path", "/data")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> valuesConfig(Path valuesFile) {
        try {
            Map<String, Object> values = Rendered.YAML.readValue(valuesFile.toFile(), Map.class);
            return deepCopy((Map<String, Object>) values.get("config"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, String path, Object value) {
        String[] keys = path.split("/");
        Map<String, Object> node = map;
        for (int i = 0; i < keys.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(keys[i], k -> new LinkedHashMap<>());
        }
        node.put(keys[keys.length - 1], value);
    }
}
