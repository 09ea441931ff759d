package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes configuration files into a test folder and loads them. */
final class ConfigFiles {

    private final Path dir;
    private final Map<String, String> env;

    ConfigFiles(Path dir) {
        this(dir, Map.of());
    }

    ConfigFiles(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    ConfigFiles withEnv(Map<String, String> env) {
        return new ConfigFiles(dir, env);
    }

    Path dir() {
        return dir;
    }

    /** Writes {@code yaml} (text blocks keep their line numbers) to config.yaml. */
    Path write(String yaml) {
        return write("config.yaml", yaml);
    }

    Path write(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Config load(String yaml) {
        return ConfigLoader.load(write(yaml), env);
    }

    /** Loads {@code yaml}, which must be invalid, and returns its problems. */
    List<ConfigProblem> problems(String yaml) {
        Path file = write(yaml);
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> ConfigLoader.load(file, env))
                .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        return thrown[0].problems();
    }

    /** The messages of {@link #problems}. */
    List<String> messages(String yaml) {
        return problems(yaml).stream().map(ConfigProblem::message).toList();
    }
}
