package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart under test, linted and rendered by Helm itself: helm-java runs the Helm library
 * in-process, so a render takes milliseconds and needs no helm binary and no cluster.
 */
final class HelmChart {

    static final Path DIR = Path.of("helm", "postmortem-sync");
    static final Path TEST_VALUES = Path.of("src", "test", "resources", "io", "postmortemsync", "helm");
    static final Path EXAMPLES = Path.of("examples", "helm");

    static final String RELEASE = "pmsync";
    static final String NAMESPACE = "postmortems";
    /** The name of every object the chart makes for the release above. */
    static final String FULLNAME = "pmsync-postmortem-sync";

    private final List<Path> valuesFiles = new ArrayList<>();
    private final List<String> valuesTexts = new ArrayList<>();
    private final Map<String, Path> setFiles = new LinkedHashMap<>();

    private HelmChart() {}

    /** A render with the chart's defaults, to which values files and texts are added. */
    static HelmChart withDefaults() {
        return new HelmChart();
    }

    /** A render with one of the scenarios in the test resources (all-features.yaml, ...). */
    static HelmChart scenario(String file) {
        return new HelmChart().values(TEST_VALUES.resolve(file));
    }

    /** A render with one of the examples in examples/helm. */
    static HelmChart example(String file) {
        return new HelmChart().values(EXAMPLES.resolve(file));
    }

    HelmChart values(Path file) {
        valuesFiles.add(file);
        return this;
    }

    /** Values given as YAML text, applied after the files (like a later -f). */
    HelmChart values(String yaml) {
        valuesTexts.add(yaml);
        return this;
    }

    /** Like --set-file key=file. */
    HelmChart setFile(String key, Path file) {
        setFiles.put(key, file);
        return this;
    }

    Rendered render() {
        return Rendered.parse(template());
    }

    /** The message Helm fails with; fails the test when Helm renders instead. */
    String failure() {
        String[] message = new String[1];
        assertThatThrownBy(this::template)
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> message[0] = e.getMessage());
        return message[0];
    }

    static LintResult lintStrict() {
        return new Helm(DIR).lint().strict().call();
    }

    /**
     * What `helm install` prints, NOTES.txt included: an install in client-only dry-run mode, which
     * renders everything and talks to no cluster.
     */
    String installOutput() {
        List<Path> temporary = new ArrayList<>();
        try {
            InstallCommand command = new Helm(DIR)
                    .install()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .clientOnly()
                    .dryRun();
            valuesFiles.forEach(command::withValuesFile);
            for (String text : valuesTexts) {
                command.withValuesFile(temporaryValuesFile(text, temporary));
            }
            setFiles.forEach(command::setFile);
            return command.call().getOutput();
        } finally {
            deleteAll(temporary);
        }
    }

    private String template() {
        List<Path> temporary = new ArrayList<>();
        try {
            TemplateCommand command = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
            valuesFiles.forEach(command::withValuesFile);
            for (String text : valuesTexts) {
                command.withValuesFile(temporaryValuesFile(text, temporary));
            }
            setFiles.forEach(command::setFile);
            return command.call();
        } finally {
            deleteAll(temporary);
        }
    }

    private static Path temporaryValuesFile(String text, List<Path> temporary) {
        try {
            Path file = Files.createTempFile("values-", ".yaml");
            temporary.add(file);
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteAll(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is no reason to fail a test
            }
        }
    }
}
