package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The release workflow cannot run here (it needs GitHub's runners and registry), so this checks
 * that it says what docs/releasing.md promises and agrees with the chart: the image it publishes
 * is the chart's default image, and every action it uses is pinned.
 */
class ReleaseWorkflowTest {

    private static final Path WORKFLOW = Path.of(".github", "workflows", "release.yml");
    private static final String IMAGE_IN_VALUES = "  repository: ghcr.io/postmortem-sync/postmortem-sync";

    private static JsonNode workflow() throws IOException {
        return Rendered.YAML.readTree(WORKFLOW.toFile());
    }

    private static String steps(String job) throws IOException {
        return workflow().path("jobs").path(job).path("steps").toString();
    }

    @Test
    void itRunsOnVersionTagsOnly() throws IOException {
        JsonNode on = workflow().path("on");

        assertThat(on.fieldNames()).toIterable().containsExactly("push");
        assertThat(on.path("push").path("tags")).hasSize(1);
        assertThat(on.path("push").path("tags").get(0).asText()).isEqualTo("v*");
    }

    @Test
    void itTestsWithPromtoolAndChromiumBeforeAnythingIsPublished() throws IOException {
        assertThat(steps("verify")).contains("prometheus", "chromium", "chromium-driver", "bash .ci/run");
        assertThat(workflow().path("jobs").path("image").path("needs").asText()).isEqualTo("verify");
        assertThat(workflow().path("jobs").path("chart").path("needs").toString())
                .contains("verify", "image");
    }

    @Test
    void theImageIsBuiltForAmd64AndArm64AndPushedWhereTheChartPullsIt() throws IOException {
        String image = steps("image");

        assertThat(image)
                .contains("docker/setup-qemu-action", "docker/setup-buildx-action")
                .contains("linux/amd64,linux/arm64")
                .contains("ghcr.io/$owner/postmortem-sync");
        // The chart's default image is the project's own: ghcr.io/<the owner of its home>/postmortem-sync.
        String home = Rendered.YAML
                .readTree(HelmChart.DIR.resolve("Chart.yaml").toFile())
                .path("home")
                .asText();
        String owner = home.replaceFirst("^https://github.com/([^/]+)/.*$", "$1");
        assertThat(Files.readAllLines(HelmChart.DIR.resolve("values.yaml")))
                .contains("  repository: ghcr.io/" + owner + "/postmortem-sync")
                .contains(IMAGE_IN_VALUES);
    }

    @Test
    void theChartIsPushedAsAnOciArtifactNamingTheImageOfItsOwnRepository() throws IOException {
        String chart = steps("chart");

        assertThat(chart).contains("helm package", "helm push", "oci://ghcr.io/$owner/charts");
        // A fork's chart names the fork's image; the line it rewrites must be the line values.yaml has.
        assertThat(chart).contains("s#^" + IMAGE_IN_VALUES + "\\\\$#");
    }

    @Test
    void everyActionIsPinnedToAnExactVersion() throws IOException {
        List<String> uses = new ArrayList<>();
        for (JsonNode job : workflow().path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                if (step.has("uses")) {
                    uses.add(step.path("uses").asText());
                }
            }
        }

        assertThat(uses).isNotEmpty().allMatch(u -> u.matches("[\\w.-]+/[\\w.-]+@v\\d+\\.\\d+\\.\\d+"));
    }
}
