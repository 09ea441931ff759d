package io.postmortemsync.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * What every key of one load needs: the folder relative paths are resolved against (the
 * configuration file's own folder), the environment for {@code ${VAR}}, and the problem list.
 */
record LoadContext(Path baseDir, Map<String, String> env, Problems problems) {}
