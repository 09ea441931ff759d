package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.config.ConfigException;
import io.postmortemsync.config.ConfigLoader;
import io.postmortemsync.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * values.schema.json describes every key of the daemon's configuration, so a typo inside
 * {@code config} fails {@code helm install} instead of a pod that exits 2 at every restart; and
 * it knows no key the daemon does not, so nothing the daemon accepts is refused at install.
 */
class ConfigSchemaTest {

    private static final Path SCHEMA = HelmChart.DIR.resolve("values.schema.json");
    /** Keys config.example.yaml shows only in comments (the other credential scheme, ssh). */
    private static final String COMMENTED_KEYS = """
            source: {git: {sshKeyFile: /k, knownHostsFile: /h, usernameFile: /u, passwordFile: /p}}
            tracker: {auth: {token: t, tokenFile: /t, apiTokenFile: /a, emailFile: /e}}
            """;

    @Test
    void theExampleConfigurationInstallsAsItIs() throws IOException {
        JsonNode example = Rendered.YAML.readTree(Path.of("config.example.yaml").toFile());

        Rendered rendered = HelmChart.withDefaults()
                .values(Rendered.YAML.writeValueAsString(Map.of("config", example)))
                .render();

        assertThat(rendered.config()).containsKeys("source", "tracker", "defaults", "sync", "server", "logging");
    }

    @Test
    void everyKeyTheSchemaAllowsIsOneTheDaemonKnows(@TempDir Path dir) throws IOException {
        List<List<String>> paths = new ArrayList<>();
        collectKeyPaths(
                new ObjectMapper().readTree(SCHEMA.toFile()).path("properties").path("config"),
                new ArrayList<>(),
                paths);
        assertThat(paths).as("the schema describes the whole configuration").hasSizeGreaterThan(40);

        // The example makes every section active (git source, Jira tracker), so each key is read.
        ObjectNode example = (ObjectNode)
                Rendered.YAML.readTree(Path.of("config.example.yaml").toFile());
        List<String> unknown = new ArrayList<>();
        for (List<String> path : paths) {
            ObjectNode config = example.deepCopy();
            ObjectNode node = config;
            for (String key : path.subList(0, path.size() - 1)) {
                node = node.has(key) && node.get(key).isObject() ? (ObjectNode) node.get(key) : node.putObject(key);
            }
            if (!node.has(path.getLast())) {
                node.put(path.getLast(), "x");
            }
            Path file = dir.resolve("config.yaml");
            Files.writeString(file, Rendered.YAML.writeValueAsString(config));
            try {
                ConfigLoader.load(file, Map.of("GIT_TOKEN", "g", "JIRA_EMAIL", "e@example.com", "JIRA_API_TOKEN", "t"));
            } catch (ConfigException e) {
                e.problems().stream()
                        .filter(p -> p.message().contains(" is not a known key"))
                        .map(ConfigProblem::path)
                        .forEach(unknown::add);
            }
        }
        assertThat(unknown).as("keys the schema allows but the daemon rejects").isEmpty();
    }

    @Test
    void theKeysTheExampleShowsInCommentsInstallToo() {
        Rendered rendered = HelmChart.withDefaults()
                .values("config:\n" + COMMENTED_KEYS.indent(2))
                .render();

        assertThat(rendered.config()).containsKeys("source", "tracker");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            config: {source: {type: git, pth: x, git: {url: 'https://h/r.git'}}}         | at '/config/source': additional properties 'pth' not allowed
            config: {source: {type: git, git: {url: 'https://h/r.git', pasword: y}}}    | at '/config/source/git': additional properties 'pasword' not allowed
            config: {source: {git: {url: 'https://h/r.git', author: {mail: a@b.c}}}}     | at '/config/source/git/author': additional properties 'mail' not allowed
            config: {sync: {intervall: 1m}}                                              | at '/config/sync': additional properties 'intervall' not allowed
            config: {sync: {interval: 5 minutes}}                                        | at '/config/sync/interval'
            config: {tracker: {url: 'https://a.atlassian.net', projct: OPS}}             | at '/config/tracker': additional properties 'projct' not allowed
            config: {tracker: {url: 'https://a.atlassian.net', auth: {emial: a@b.c}}}    | at '/config/tracker/auth': additional properties 'emial' not allowed
            config: {tracker: {types: {prevent: {issuetype: Task}}}}                     | at '/config/tracker/types/prevent': additional properties 'issuetype' not allowed
            config: {tracker: {types: {mitigate: {issueType: Task}}}}                    | at '/config/tracker/types': additional properties 'mitigate' not allowed
            config: {tracker: {users: {'@bob': {account: x}}}}                           | at '/config/tracker/users/@bob': additional properties 'account' not allowed
            config: {tracker: {maxConcurrency: 100}}                                     | at '/config/tracker/maxConcurrency'
            config: {tracker: {labels: postmortem}}                                      | at '/config/tracker/labels': got string, want array
            config: {defaults: {type: mitigate}}                                         | at '/config/defaults/type'
            config: {logging: {format: yaml}}                                            | at '/config/logging/format'
            config: {logging: {levle: debug}}                                            | at '/config/logging': additional properties 'levle' not allowed
            config: {server: {prot: 9100}}                                               | at '/config/server': additional properties 'prot' not allowed
            """)
    void aTypoOrWrongValueInsideConfigFailsAtInstallNamingIt(String values, String message) {
        String failure = HelmChart.withDefaults().values(values).failure();

        assertThat(failure)
                .contains("values don't meet the specifications of the schema")
                .contains(message);
    }

    @Test
    void environmentReferencesAndLiteralValuesBothPassWhereTheDaemonTakesEither() {
        Rendered rendered = HelmChart.withDefaults().values("""
                config:
                  source: {path: 2025}
                  tracker: {url: 'https://a.atlassian.net', maxConcurrency: '${JIRA_CONCURRENCY:-4}', remoteLinks: false, labels: [2025]}
                  sync: {interval: 1h30m, writeBack: '${WRITE_BACK}', timezone: Europe/Berlin}
                  logging: {level: '${LOG_LEVEL:-info}', format: JSON}
                """).render();

        assertThat(rendered.config()).containsKeys("source", "tracker", "sync", "logging");
    }

    /** Every key path under an object that lists its properties (maps of user-chosen keys are not walked). */
    private static void collectKeyPaths(JsonNode schema, List<String> prefix, List<List<String>> out) {
        schema.path("properties").properties().forEach(e -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            collectKeyPaths(e.getValue(), path, out);
        });
    }
}
