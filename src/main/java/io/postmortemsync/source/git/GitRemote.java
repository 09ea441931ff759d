package io.postmortemsync.source.git;

import io.postmortemsync.config.GitConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote repository and how to talk to it: the URL JGit is given (https credentials taken
 * out of it, so they are never written into the clone's {@code .git/config}), the credentials,
 * and for ssh a session factory that uses only the configured key and known_hosts file.
 */
final class GitRemote implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GitRemote.class);

    /** Network operations give up after this long without progress instead of hanging a pass. */
    static final int TIMEOUT_SECONDS = 60;

    /** GitHub, GitLab and Gitea accept any user name with a token; GitHub documents this one. */
    static final String DEFAULT_TOKEN_USER = "x-access-token";

    enum Kind {
        HTTP,
        SSH,
        FILE
    }

    private final Kind kind;
    private final String url;
    private final String display;
    private final CredentialsProvider credentials;
    private final List<String> secrets;
    private final Path sshKeyFile;
    private final Path knownHostsFile;
    private StrictSshSessionFactory ssh;

    private GitRemote(
            Kind kind,
            String url,
            String display,
            CredentialsProvider credentials,
            List<String> secrets,
            Path sshKeyFile,
            Path knownHostsFile) {
        this.kind = kind;
        this.url = url;
        this.display = display;
        this.credentials = credentials;
        this.secrets = List.copyOf(secrets);
        this.sshKeyFile = sshKeyFile;
        this.knownHostsFile = knownHostsFile;
    }

    /**
     * @throws IllegalArgumentException naming {@code source.git.url} when the URL is missing,
     *     malformed or of an unsupported kind (the message never holds a password)
     */
    static GitRemote of(GitConfig config) {
        Objects.requireNonNull(config, "git config");
        String configured = config.url();
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("source.git.url is required");
        }
        String display = GitConfig.redactUrl(configured);
        URIish uri;
        try {
            uri = new URIish(configured);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("source.git.url is not a git URL: " + display);
        }
        Kind kind = kindOf(uri, display);
        List<String> secrets = new ArrayList<>();
        if (uri.getPass() != null && !uri.getPass().isEmpty()) {
            secrets.add(uri.getPass());
        }
        if (config.password() != null && !config.password().isBlank()) {
            secrets.add(config.password().reveal());
        }
        return switch (kind) {
            case HTTP -> {
                // Credentials go to JGit through a provider, never inside the URL: a URL with
                // user info would be stored in the clone's .git/config on disk.
                String user = firstNonBlank(config.username(), uri.getUser());
                String password =
                        config.password() != null && !config.password().isBlank()
                                ? config.password().reveal()
                                : uri.getPass();
                URIish bare = uri.setUser(null).setPass(null);
                CredentialsProvider provider = null;
                if (password != null && !password.isEmpty()) {
                    provider =
                            new UsernamePasswordCredentialsProvider(user == null ? DEFAULT_TOKEN_USER : user, password);
                    if ("http".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
                        log.warn(
                                "source.git.url {} is plain http: the git password is sent unencrypted; use https",
                                display);
                    }
                }
                yield new GitRemote(
                        kind, bare.toString(), GitConfig.redactUrl(bare.toString()), provider, secrets, null, null);
            }
            case SSH -> {
                if (uri.getPass() != null) {
                    throw new IllegalArgumentException(
                            "source.git.url " + display + " holds a password; ssh uses source.git.sshKeyFile");
                }
                yield new GitRemote(
                        kind, configured, display, null, secrets, config.sshKeyFile(), config.knownHostsFile());
            }
            case FILE -> new GitRemote(kind, configured, display, null, secrets, null, null);
        };
    }

    private static Kind kindOf(URIish uri, String display) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            // scp-like "git@host:org/repo.git" has a host; a bare local path does not.
            return uri.getHost() != null ? Kind.SSH : Kind.FILE;
        }
        return switch (scheme) {
            case "https", "http" -> Kind.HTTP;
            case "ssh", "ssh+git", "git+ssh" -> Kind.SSH;
            case "file" -> Kind.FILE;
            default ->
                throw new IllegalArgumentException(
                        "source.git.url " + display + " uses " + scheme + "://; use https://, ssh:// or file://");
        };
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    Kind kind() {
        return kind;
    }

    /** The URL given to JGit: never holds an https password. */
    String url() {
        return url;
    }

    /** The URL for messages and logs, without any user info. */
    String display() {
        return display;
    }

    /** Every secret this remote knows, so that messages can be scrubbed of them. */
    List<String> secrets() {
        return secrets;
    }

    /** Whether the remote has https credentials configured. */
    boolean hasCredentials() {
        return credentials != null;
    }

    /** Sets credentials, the ssh session factory and a timeout on a fetch, push, clone or ls-remote. */
    <C extends TransportCommand<C, ?>> C apply(C command) {
        command.setTimeout(TIMEOUT_SECONDS);
        if (credentials != null) {
            command.setCredentialsProvider(credentials);
        }
        command.setTransportConfigCallback(this::configure);
        return command;
    }

    /** Configures a transport opened directly (the doctor's push-permission check). */
    void configure(Transport transport) {
        transport.setTimeout(TIMEOUT_SECONDS);
        if (credentials != null) {
            transport.setCredentialsProvider(credentials);
        }
        if (transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(sshSessions());
        }
    }

    URIish uri() {
        try {
            return new URIish(url);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("already parsed: " + display, e);
        }
    }

    private synchronized StrictSshSessionFactory sshSessions() {
        if (ssh == null) {
            ssh = new StrictSshSessionFactory(sshKeyFile, knownHostsFile);
        }
        return ssh;
    }

    Path sshKeyFile() {
        return sshKeyFile;
    }

    Path knownHostsFile() {
        return knownHostsFile;
    }

    @Override
    public synchronized void close() {
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
    }

    @Override
    public String toString() {
        return "GitRemote[" + display + "]";
    }
}
