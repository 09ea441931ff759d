package io.postmortemsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelativePathsTest {

    @TempDir
    Path dir;

    @Test
    void relativePathsResolveAgainstTheFolderOfTheConfigurationFile() {
        // The working directory of the test JVM is the project; the file lives elsewhere.
        ConfigFiles files = new ConfigFiles(dir.resolve("examples"));
        Path file = files.write("offline.yaml", "source: {path: postmortems}\n");
        assertThat(ConfigLoader.load(file, Map.of()).source().path()).isEqualTo(dir.resolve("examples/postmortems"));
    }

    @Test
    void aRelativeConfigFilePathStillGivesAbsolutePaths() {
        Path cwd = Path.of("").toAbsolutePath();
        Path file = cwd.relativize(new ConfigFiles(dir).write("c.yaml", "source: {path: ../up/pm}\n"));
        assertThat(file.isAbsolute()).isFalse();
        assertThat(ConfigLoader.load(file, Map.of()).source().path())
                .isEqualTo(dir.getParent().resolve("up/pm"));
    }

    @Test
    void absolutePathsStayAndALeadingTildeIsTheHomeFolder() {
        ConfigFiles files = new ConfigFiles(dir);
        assertThat(files.load("source: {path: /srv/postmortems}\n").source().path())
                .isEqualTo(Path.of("/srv/postmortems"));
        assertThat(files.load("source: {path: ~/postmortems}\n").source().path())
                .isEqualTo(Path.of(System.getProperty("user.home"), "postmortems"));
    }
}
