package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile cannot be built here (no container engine), so this checks what it must say and
 * that it agrees with the chart: the user the pod runs as, and the command and config path.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path DOCKERIGNORE = Path.of(".dockerignore");

    /** Instructions with their continuation lines joined, comments left out. */
    private static List<String> instructions() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String stripped = line.strip();
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
            } else {
                instructions.add(current.append(stripped).toString());
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static List<String> named(String keyword) throws IOException {
        return instructions().stream()
                .filter(i -> i.toUpperCase(Locale.ROOT).startsWith(keyword + " "))
                .map(i -> i.substring(keyword.length() + 1).strip())
                .toList();
    }

    @Test
    void itBuildsWithTheMavenWrapperOnAJdk21AndRunsOnAJre21() throws IOException {
        List<String> args = named("ARG");
        assertThat(args).contains("BUILD_IMAGE=eclipse-temurin:21-jdk", "RUNTIME_IMAGE=eclipse-temurin:21-jre");
        assertThat(named("FROM"))
                .as("the jar is built once, natively, even when the image is built for several platforms")
                .containsExactly("--platform=$BUILDPLATFORM ${BUILD_IMAGE} AS build", "${RUNTIME_IMAGE}");
        assertThat(named("RUN")).anyMatch(run -> run.contains("./mvnw") && run.contains("package"));
    }

    @Test
    void theRuntimeStageGetsTheJarOnly() throws IOException {
        assertThat(named("COPY").stream().filter(c -> c.startsWith("--from=")).toList())
                .containsExactly("--from=build /postmortem-sync.jar /app/postmortem-sync.jar");
    }

    @Test
    void itRunsAsTheFixedNonRootUserTheChartRunsThePodAs() throws IOException {
        PodSecurityContext pod =
                HelmChart.withDefaults().render().podTemplate().getSpec().getSecurityContext();

        assertThat(named("USER")).containsExactly(pod.getRunAsUser() + ":" + pod.getRunAsGroup());
        assertThat(named("RUN"))
                .anyMatch(run ->
                        run.contains("--uid " + pod.getRunAsUser()) && run.contains("--gid " + pod.getRunAsGroup()));
    }

    @Test
    void byDefaultItRunsTheDaemonWithTheConfigWhereTheChartMountsIt() throws IOException {
        List<String> chartArgs = HelmChart.withDefaults().render().container().getArgs();

        assertThat(named("ENTRYPOINT")).containsExactly("[\"java\", \"-jar\", \"/app/postmortem-sync.jar\"]");
        assertThat(named("CMD"))
                .containsExactly("["
                        + String.join(
                                ", ",
                                chartArgs.stream().map(a -> "\"" + a + "\"").toList()) + "]");
        assertThat(named("EXPOSE")).containsExactly("9464");
    }

    @Test
    void itHasNoHealthcheckBecauseKubernetesProbesTheDaemon() throws IOException {
        assertThat(named("HEALTHCHECK")).isEmpty();
    }

    @Test
    void itCarriesTheOciLabels() throws IOException {
        String labels = String.join(" ", named("LABEL"));
        Matcher keys =
                Pattern.compile("(org\\.opencontainers\\.image\\.[a-z.]+)=").matcher(labels);
        List<String> found = new ArrayList<>();
        while (keys.find()) {
            found.add(keys.group(1).substring("org.opencontainers.image.".length()));
        }
        assertThat(found)
                .contains("title", "description", "source", "version", "revision", "created", "base.name", "licenses");
    }

    @Test
    void theBuildContextIsAnAllowlistWithoutBuildOutputOrGitHistory() throws IOException {
        List<String> lines = Files.readAllLines(DOCKERIGNORE).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();

        assertThat(lines.getFirst()).as("everything is left out first").isEqualTo("*");
        assertThat(lines).contains("!mvnw", "!pom.xml", "!src/main/");
        assertThat(lines)
                .as("the wrapper's settings: without .mvn/jvm.config, Error Prone cannot run on JDK 21")
                .contains("!.mvn/");
        assertThat(lines).noneMatch(l -> l.startsWith("!target") || l.startsWith("!.git"));
    }
}
