package io.postmortemsync.source.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes JGit independent of a writable home directory.
 *
 * <p>Besides the user's and the system's git configuration (which it only reads, and which stay as
 * they are: {@code url.<base>.insteadOf}, {@code http.proxy} keep working), JGit keeps a settings
 * file of its own, {@code $XDG_CONFIG_HOME/jgit/config} (by default {@code ~/.config/jgit/config}),
 * where it saves the timestamp resolution it measured for each file system (a measurement of
 * about three seconds). In a container the home is often read-only (a read-only root filesystem,
 * OpenShift's arbitrary UIDs), and then JGit logs two errors with stack traces at every start.
 * Here that file is still read when it exists and written when its folder can be written; when it
 * cannot, the values stay in memory for the life of the process, quietly: the next start
 * measures again.
 *
 * <p>JGit's {@link SystemReader} is global to the JVM; this process is the daemon's, so it may set it.
 */
final class JGitEnvironment {

    private static final Logger log = LoggerFactory.getLogger(JGitEnvironment.class);

    private JGitEnvironment() {}

    /** Idempotent; call before JGit touches a repository. */
    static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (current instanceof OwnConfigWhereWritable) {
            return;
        }
        SystemReader.setInstance(new OwnConfigWhereWritable(current));
    }

    /** Everything as JGit has it, except how JGit's own settings file is saved. */
    private static final class OwnConfigWhereWritable extends SystemReader.Delegate {
        OwnConfigWhereWritable(SystemReader delegate) {
            super(delegate);
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            // JGit's own choice of file (XDG_CONFIG_HOME, else the home), only saved differently.
            return new SavedWhereWritable(
                    parent, super.openJGitConfig(parent, fs).getFile(), fs);
        }
    }

    /**
     * A config file that is read if it can be and saved if it can be, and otherwise simply lives
     * in memory. Never an error: it only holds what JGit measured about file systems.
     */
    static final class SavedWhereWritable extends FileBasedConfig {

        SavedWhereWritable(Config parent, File file, FS fs) {
            super(parent, file, fs);
        }

        @Override
        public void load() throws IOException, ConfigInvalidException {
            File file = getFile();
            if (file == null || !Files.isReadable(file.toPath())) {
                return;
            }
            try {
                super.load();
            } catch (IOException | ConfigInvalidException e) {
                // JGit measures again; nothing depends on this file being right.
                log.debug("Not using JGit's settings in {}: {}", file, e.getMessage());
                clear();
            }
        }

        @Override
        public void save() throws IOException {
            if (!canWrite()) {
                log.debug("Keeping JGit's settings in memory: {} cannot be written", getFile());
                return;
            }
            super.save();
        }

        @Override
        public boolean isOutdated() {
            return getFile() != null && Files.isReadable(getFile().toPath()) && super.isOutdated();
        }

        /** Checked first because JGit's lock file logs an error with a stack trace before it throws. */
        private boolean canWrite() {
            File file = getFile();
            if (file == null || file.getParentFile() == null) {
                return false;
            }
            Path folder = file.getParentFile().toPath();
            try {
                Files.createDirectories(folder);
            } catch (IOException | SecurityException | UnsupportedOperationException e) {
                return false;
            }
            return Files.isWritable(folder) && (!Files.exists(file.toPath()) || Files.isWritable(file.toPath()));
        }
    }
}
