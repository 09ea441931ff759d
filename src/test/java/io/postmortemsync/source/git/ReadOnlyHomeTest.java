package io.postmortemsync.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In Kubernetes the root filesystem is read-only and the home directory may be too (OpenShift's
 * random UIDs, images without a writable home). JGit would write its own settings file there
 * ({@code $XDG_CONFIG_HOME/jgit/config}, by default {@code ~/.config/jgit/config}), where it keeps
 * the measured timestamp resolution of each file system, and logs two errors with stack traces
 * when it cannot. The daemon must not depend on a writable home.
 *
 * <p>This is a separate JVM because that measurement happens once per process and file system
 * (the test JVM has long done it), and because {@code XDG_CONFIG_HOME} is an environment variable.
 * The home and the XDG folder lie under a regular file, so nothing can be created there, not even
 * by root.
 */
class ReadOnlyHomeTest {

    @TempDir
    Path dir;

    @Test
    void aSyncWithAGitSourceNeedsNoWritableHomeAndLogsNoError() throws Exception {
        Path bare = GitFixture.bareRepository(
                dir, Map.of("postmortems/a.md", TableEdits.postmortem("Login outage", new String[] {
                    "Load-test the login path", "Not Started"
                })));
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "a file where the home's parent should be\n");
        Path home = blocker.resolve("home");
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                source:
                  type: git
                  path: postmortems
                  git: {url: "%s", workdir: state/repo}
                tracker: {type: none}
                """.formatted(GitFixture.url(bare)));
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Duser.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                "io.postmortemsync.Main",
                "--config",
                config.toString(),
                "sync");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", blocker.resolve("xdg").toString());
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));

        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String log = err.get(10, TimeUnit.SECONDS);

        assertThat(process.exitValue()).as(log).isZero();
        assertThat(out.get(10, TimeUnit.SECONDS)).startsWith("sync success:");
        assertThat(log).contains("Cloning " + GitFixture.url(bare));
        assertThat(log.lines().toList())
                .as("errors and warnings in\n" + log)
                .noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
        assertThat(log).doesNotContain("jgit/config").doesNotContain("Exception");
        assertThat(blocker).isRegularFile();
        try (var files = Files.list(dir.resolve("state"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("repo"));
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(could not read: " + e.getMessage() + ")";
        }
    }
}
