package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.postmortemsync.docs.MarkdownFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/kubernetes.md shows the example values files as they are, and installs with files that exist. */
class DeployDocumentationTest {

    private static String section() {
        return MarkdownFile.doc("kubernetes.md").section("Deploy to Kubernetes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jira-cloud-https.yaml", "jira-datacenter-ssh.yaml"})
    void theGuideShowsEachExampleValuesFileAsItIs(String example) throws IOException {
        JsonNode file =
                Rendered.YAML.readTree(HelmChart.EXAMPLES.resolve(example).toFile());
        List<JsonNode> blocks = new ArrayList<>();
        Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(section());
        while (yaml.find()) {
            blocks.add(Rendered.YAML.readTree(yaml.group(1)));
        }

        assertThat(blocks).contains(file);
        assertThat(section()).contains("(../examples/helm/" + example + ")");
    }

    @Test
    void everyValuesFileTheGuideInstallsWithExists() throws IOException {
        Matcher valuesFile = Pattern.compile(" -f (examples/\\S+)").matcher(section());
        int found = 0;
        while (valuesFile.find()) {
            assertThat(Path.of(valuesFile.group(1))).exists();
            found++;
        }
        assertThat(found).isEqualTo(2);
    }
}
