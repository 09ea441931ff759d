package io.postmortemsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/postmortem-sync, run by bash with fake Java installations (shell scripts that print their
 * arguments), so that which Java it picks is decided by the test and not by the machine.
 */
class WrapperScriptTest {

    private static final Path SCRIPT = Path.of("bin/postmortem-sync").toAbsolutePath();

    @TempDir
    Path dir;

    private record Result(int exitCode, String stdout, String stderr) {}

    /** A fake Java home whose java prints "java-VERSION" and its arguments. */
    private Path fakeJava(String name, int version) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + ".0.3\"\n");
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\necho \"java-" + version + " $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private Path jar() throws IOException {
        return Files.writeString(dir.resolve("app.jar"), "not really a jar");
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add("bash");
        builder.command().add(SCRIPT.toString());
        builder.command().addAll(List.of(args));
        builder.environment().clear();
        // No java of the machine may take part: each test's PATH holds only fakes and tools.
        builder.environment().put("PATH", env.get("PATH"));
        builder.environment()
                .put("POSTMORTEM_SYNC_JAVA_DIRS", dir.resolve("no-jvms").toString());
        env.forEach((k, v) -> {
            if (!k.equals("PATH")) {
                builder.environment().put(k, v);
            }
        });
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the wrapper did not finish");
        }
        return new Result(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** PATH with only the fakes' folders and the tools the script needs (which has no java of its own). */
    private String pathWith(Path... javaHomes) throws IOException {
        Path tools = dir.resolve("tools");
        Files.createDirectories(tools);
        for (String tool : new String[] {"sed", "awk", "cut", "dirname", "readlink"}) {
            for (String folder : new String[] {"/usr/bin", "/bin"}) {
                Path real = Path.of(folder, tool);
                if (Files.isExecutable(real) && !Files.exists(tools.resolve(tool))) {
                    Files.createSymbolicLink(tools.resolve(tool), real);
                }
            }
        }
        StringBuilder path = new StringBuilder();
        for (Path home : javaHomes) {
            path.append(home.resolve("bin")).append(':');
        }
        return path.append(tools).toString();
    }

    @Test
    void javaHomeIsUsedAndArgumentsAndJavaOptsArePassedOn() throws Exception {
        Path java21 = fakeJava("jdk21", 21);
        Path jar = jar();
        Result result = run(
                Map.of(
                        "JAVA_HOME",
                        java21.toString(),
                        "POSTMORTEM_SYNC_JAR",
                        jar.toString(),
                        "JAVA_OPTS",
                        "-Xmx64m -Dx=1",
                        "PATH",
                        pathWith()),
                "--config",
                "my config.yaml",
                "sync");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo("java-21 -Xmx64m -Dx=1 -jar " + jar + " --config my config.yaml sync\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aTooOldJavaHomeIsPassedOverForTheJavaOnPath() throws Exception {
        Path java17 = fakeJava("jdk17", 17);
        Path java25 = fakeJava("jdk25", 25);
        Result result = run(
                Map.of(
                        "JAVA_HOME",
                        java17.toString(),
                        "POSTMORTEM_SYNC_JAR",
                        jar().toString(),
                        "PATH",
                        pathWith(java25)),
                "--version");
        assertThat(result.stdout()).startsWith("java-25 -jar ");
    }

    @Test
    void theNewestInstalledJavaWinsWhenNeitherJavaHomeNorPathHasOne() throws Exception {
        fakeJava("jvm/a-21", 21);
        fakeJava("jvm/b-25", 25);
        fakeJava("jvm/c-17", 17);
        Result result = run(
                Map.of(
                        "POSTMORTEM_SYNC_JAVA_DIRS",
                        dir.resolve("jvm") + "/*",
                        "POSTMORTEM_SYNC_JAR",
                        jar().toString(),
                        "PATH",
                        pathWith()),
                "--version");
        assertThat(result.stdout()).startsWith("java-25 -jar ");
    }

    @Test
    void withoutAJava21TheMessageSaysWhatWasFoundAndTheExitCodeIs2() throws Exception {
        Path java17 = fakeJava("jdk17", 17);
        Result result = run(
                Map.of("JAVA_HOME", java17.toString(), "POSTMORTEM_SYNC_JAR", jar().toString(), "PATH", pathWith()),
                "--version");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr())
                .startsWith("postmortem-sync: needs Java 21 or newer, and found none.\n")
                .contains(java17.resolve("bin/java") + " (17)")
                .contains("set JAVA_HOME");
    }

    @Test
    void aMissingJarIsNamed() throws Exception {
        Path java21 = fakeJava("jdk21", 21);
        Path missing = dir.resolve("gone.jar");
        Result result = run(
                Map.of("JAVA_HOME", java21.toString(), "POSTMORTEM_SYNC_JAR", missing.toString(), "PATH", pathWith()),
                "--version");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr())
                .isEqualTo("postmortem-sync: POSTMORTEM_SYNC_JAR names " + missing + ", which does not exist.\n");
    }
}
