package io.postmortemsync.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JGit's own settings file: used where it can be, never an error where it cannot. */
class JGitEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void whereTheFolderIsWritableTheMeasurementIsSavedAsJGitWouldSaveIt() throws Exception {
        Path file = dir.resolve("xdg/jgit/config");
        JGitEnvironment.SavedWhereWritable config =
                new JGitEnvironment.SavedWhereWritable(null, file.toFile(), FS.DETECTED);
        config.load();

        config.setString("filesystem", "store", "timestampResolution", "10 microseconds");
        config.save();

        assertThat(file).content().contains("[filesystem \"store\"]", "timestampResolution = 10 microseconds");
    }

    @Test
    void whereNothingCanBeWrittenTheValuesStayInMemoryAndNothingIsLogged() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "a file\n");
        Path file = blocker.resolve("xdg/jgit/config");
        try (LogCapture logs = new LogCapture(Level.INFO)) {
            JGitEnvironment.SavedWhereWritable config =
                    new JGitEnvironment.SavedWhereWritable(null, file.toFile(), FS.DETECTED);
            config.load();
            config.setString("filesystem", "store", "timestampResolution", "10 microseconds");

            config.save();

            assertThat(config.getString("filesystem", "store", "timestampResolution"))
                    .isEqualTo("10 microseconds");
            assertThat(config.isOutdated()).isFalse();
            assertThat(logs.lines()).isEmpty();
        }
        assertThat(blocker).isRegularFile().hasContent("a file");
    }

    @Test
    void anEarlierMeasurementIsReadSoItNeedNotBeMadeAgain() throws Exception {
        Path file = dir.resolve("jgit/config");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[filesystem \"store\"]\n\ttimestampResolution = 4 microseconds\n");
        JGitEnvironment.SavedWhereWritable config =
                new JGitEnvironment.SavedWhereWritable(null, file.toFile(), FS.DETECTED);

        config.load();

        assertThat(config.getString("filesystem", "store", "timestampResolution"))
                .isEqualTo("4 microseconds");
    }

    @Test
    void installingKeepsJGitsChoiceOfFileAndEveryOtherSettingAndHappensOnce() throws Exception {
        JGitEnvironment.install();
        SystemReader installed = SystemReader.getInstance();
        JGitEnvironment.install();

        assertThat(SystemReader.getInstance()).isSameAs(installed);
        assertThat(installed.openJGitConfig(null, FS.DETECTED))
                .isInstanceOf(JGitEnvironment.SavedWhereWritable.class)
                .satisfies(c -> assertThat(c.getFile().toPath()).endsWith(Path.of("jgit", "config")));
        assertThat(installed.openUserConfig(null, FS.DETECTED).getFile().getName())
                .isEqualTo(".gitconfig");
    }
}
