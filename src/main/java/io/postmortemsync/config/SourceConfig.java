package io.postmortemsync.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where documents live.
 *
 * @param type directory or git
 * @param path the folder scanned recursively; for git, a folder inside the clone ("." = root)
 * @param include glob patterns (relative to {@code path}) of documents to read
 * @param exclude glob patterns to leave out
 * @param linkTemplate URL of a document, {@code {path}} = its path relative to {@code path},
 *     {@code {branch}} = the git branch; null when not configured (no document links)
 * @param git the git settings; null unless {@code type} is git
 */
public record SourceConfig(
        SourceType type, Path path, List<String> include, List<String> exclude, String linkTemplate, GitConfig git) {

    public enum SourceType {
        DIRECTORY,
        GIT
    }

    public SourceConfig {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }
}
