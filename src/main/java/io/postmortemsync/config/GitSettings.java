package io.postmortemsync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/** Reads {@code /source/git}: the repository documents are cloned from and written back to. */
final class GitSettings {

    static final String DEFAULT_BRANCH = "main";
    static final int DEFAULT_PUSH_RETRIES = 5;
    static final GitConfig.Author DEFAULT_AUTHOR = new GitConfig.Author("postmortem-sync", "postmortem-sync@localhost");

    /** {@code git@github.com:acme/postmortems.git}, the form GitHub and GitLab show for ssh. */
    private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:(?!//).+");

    /** How a URL authenticates; each kind has its own credential keys. */
    enum Transport {
        HTTPS,
        SSH,
        FILE
    }

    private GitSettings() {}

    static GitConfig read(Section git, LoadContext ctx) {
        Field urlField = git.field("url");
        String url = urlField.string().orElse(null);
        Transport transport = null;
        if (url == null) {
            urlField.problem("is required when /source/type is git, e.g. https://git.example.com/acme/postmortems.git");
        } else {
            transport = transport(url);
            if (transport == null) {
                // The URL may embed a token (https://user:token@host/...): never echo that part.
                urlField.problem("must be an https://, ssh:// (or user@host:path) or file:// URL (got \""
                        + GitConfig.redactUrl(url) + "\")");
            }
        }

        Field branchField = git.field("branch");
        String branch = branchField.string(DEFAULT_BRANCH);
        if (!Repository.isValidRefName("refs/heads/" + branch)) {
            branchField.problem("is not a valid branch name (got \"" + branch + "\")");
        }

        Optional<String> username = git.stringOrFile("username");
        Optional<Secret> password = git.secret("password");
        Field sshKeyField = git.field("sshKeyFile");
        Optional<Path> sshKeyFile = sshKeyField.path();
        Field knownHostsField = git.field("knownHostsFile");
        Optional<Path> knownHostsFile = knownHostsField.path();

        GitConfig.Author author = author(git.field("author").section());
        Path workdir = git.field("workdir").path().orElseGet(() -> defaultWorkdir(url, branch));
        int pushRetries = git.field("pushRetries").integer(DEFAULT_PUSH_RETRIES, 0, 100);
        git.rejectUnknownKeys();

        // A credential that could not be read was reported already; pairing rules would repeat it.
        boolean unreadableCredential = git.hasProblemAt(
                "username", "usernameFile", "password", "passwordFile", "sshKeyFile", "knownHostsFile");
        if (transport != null && !unreadableCredential) {
            checkCredentials(
                    git, transport, username, password, sshKeyField, sshKeyFile, knownHostsField, knownHostsFile, url);
        }
        return new GitConfig(
                url,
                branch,
                username.orElse(null),
                password.orElse(null),
                sshKeyFile.orElse(null),
                knownHostsFile.orElse(null),
                author,
                workdir,
                pushRetries);
    }

    static Transport transport(String url) {
        if (SCP_LIKE.matcher(url).matches()) {
            return Transport.SSH;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return switch (scheme) {
                case "https", "http" -> uri.getHost() != null ? Transport.HTTPS : null;
                case "ssh" -> uri.getHost() != null ? Transport.SSH : null;
                case "file" -> uri.getPath() != null && !uri.getPath().isEmpty() ? Transport.FILE : null;
                default -> null;
            };
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void checkCredentials(
            Section git,
            Transport transport,
            Optional<String> username,
            Optional<Secret> password,
            Field sshKeyField,
            Optional<Path> sshKeyFile,
            Field knownHostsField,
            Optional<Path> knownHostsFile,
            String url) {
        String userPath = git.keyPath() + "/username";
        String passwordPath = git.keyPath() + "/password";
        switch (transport) {
            case SSH -> {
                // Without known_hosts the host key could not be verified, and we never skip that check.
                if (sshKeyFile.isEmpty()) {
                    sshKeyField.problem("is required for an ssh URL (the private key the daemon pushes with)");
                }
                if (knownHostsFile.isEmpty()) {
                    knownHostsField.problem("is required for an ssh URL: the server's host key is always verified"
                            + " (create it with: ssh-keyscan HOST > known_hosts)");
                }
                sshKeyFile.ifPresent(p -> mustBeReadable(sshKeyField, p));
                knownHostsFile.ifPresent(p -> mustBeReadable(knownHostsField, p));
                if (username.isPresent() || password.isPresent()) {
                    git.problem("gives " + (password.isPresent() ? passwordPath : userPath)
                            + ", which is only used with https:// URLs; an ssh URL authenticates with sshKeyFile");
                }
            }
            case HTTPS -> {
                if (sshKeyFile.isPresent() || knownHostsFile.isPresent()) {
                    (sshKeyFile.isPresent() ? sshKeyField : knownHostsField)
                            .problem(
                                    "is only used with ssh URLs; an https URL authenticates with username and password");
                }
                if (password.isPresent() && username.isEmpty()) {
                    git.problem(
                            "gives a password but no username (for a token: GitHub takes x-access-token, GitLab oauth2)");
                }
                if (username.isPresent() && password.isEmpty()) {
                    git.problem("gives a username but no password or passwordFile");
                }
                if (password.isPresent()
                        && url.regionMatches(true, 0, "http://", 0, 7)
                        && !Hosts.isLoopback(host(url))) {
                    git.problem("would send the password unencrypted over http://: use https:// (plain http is"
                            + " accepted for localhost only)");
                }
            }
            case FILE -> {
                if (username.isPresent()
                        || password.isPresent()
                        || sshKeyFile.isPresent()
                        || knownHostsFile.isPresent()) {
                    git.problem("gives credentials, which a file:// URL does not use");
                }
            }
        }
    }

    private static String host(String url) {
        try {
            return new URI(url).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void mustBeReadable(Field field, Path file) {
        if (!Files.exists(file)) {
            field.problem("names " + file + ", which cannot be read (no such file)");
        } else if (Files.isDirectory(file)) {
            field.problem("names " + file + ", which is a folder, not a file");
        } else if (!Files.isReadable(file)) {
            field.problem("names " + file + ", which cannot be read (permission denied)");
        }
    }

    private static GitConfig.Author author(Section section) {
        String name = ident(section.field("name"), DEFAULT_AUTHOR.name());
        String email = ident(section.field("email"), DEFAULT_AUTHOR.email());
        section.rejectUnknownKeys();
        return new GitConfig.Author(name, email);
    }

    /** Git writes author lines as {@code name <email>}: angle brackets or newlines would corrupt them. */
    private static String ident(Field field, String defaultValue) {
        String value = field.string(defaultValue);
        if (value.chars().anyMatch(c -> c == '<' || c == '>' || c == '\n' || c == '\r')) {
            field.problem("must not contain <, > or line breaks (got \"" + value + "\")");
            return defaultValue;
        }
        return value;
    }

    /**
     * A clone folder under the system's temporary folder, one per repository and branch so that
     * two configurations never share a clone. A temporary folder is writable in nearly every
     * container; set workdir to a persistent volume to avoid a fresh clone after each restart.
     */
    static Path defaultWorkdir(String url, String branch) {
        String identity = GitConfig.redactUrl(url == null ? "" : url) + "\n" + branch;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            String id = HexFormat.of().formatHex(digest, 0, 6);
            return Path.of(System.getProperty("java.io.tmpdir"), "postmortem-sync", "git-" + id)
                    .toAbsolutePath();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
