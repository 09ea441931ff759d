package io.postmortemsync.config;

import java.nio.file.Path;

/**
 * A git repository as the document source.
 *
 * @param url https://, ssh:// (or scp-like user@host:path) or file:// for local tests
 * @param branch the branch read and pushed
 * @param username https user name, or null
 * @param password https password or token ({@code password} or {@code passwordFile}), or null
 * @param sshKeyFile ssh private key file, or null
 * @param knownHostsFile known_hosts for ssh (the host key is always verified), or null
 * @param author author and committer of write-back commits
 * @param workdir where the clone lives
 * @param pushRetries how often a rejected push is redone on the new remote state
 */
public record GitConfig(
        String url,
        String branch,
        String username,
        Secret password,
        Path sshKeyFile,
        Path knownHostsFile,
        Author author,
        Path workdir,
        int pushRetries) {

    public record Author(String name, String email) {}

    @Override
    public String toString() {
        // The URL may embed credentials (https://user:token@host/...): show the host part only.
        return "GitConfig[url=" + redactUrl(url) + ", branch=" + branch + ", workdir=" + workdir + "]";
    }

    /** The URL with any user-info part removed, for messages. */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }
}
