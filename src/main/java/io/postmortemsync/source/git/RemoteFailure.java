package io.postmortemsync.source.git;

import io.postmortemsync.source.SourceException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Why talking to the remote failed, classified once from JGit's exceptions so that the log, the
 * pass's error and the doctor all say the same clear thing. Messages name the remote without
 * credentials and never contain a secret.
 *
 * @param kind what went wrong
 * @param detail the underlying message, scrubbed of credentials
 */
record RemoteFailure(Kind kind, String detail) {

    enum Kind {
        AUTHENTICATION,
        HOST_KEY,
        PERMISSION,
        UNREACHABLE,
        NOT_FOUND,
        OTHER
    }

    static RemoteFailure classify(Throwable failure, List<String> secrets) {
        String detail = Redaction.scrub(deepestMessage(failure), secrets);
        return new RemoteFailure(kindOf(failure), detail);
    }

    private static Kind kindOf(Throwable failure) {
        // URLs are taken out first: a port like 40140 must not read as HTTP status 401.
        String text = allMessages(failure).replaceAll("\\S+://\\S+", " ").toLowerCase(Locale.ROOT);
        if (text.contains("server key did not validate") || text.contains("host key")) {
            return Kind.HOST_KEY;
        }
        if (text.contains("not authorized")
                || text.contains("authentication is required")
                || text.contains("cannot log in")
                || text.contains("no more authentication methods")
                || text.contains("auth fail")
                || text.matches("(?s).*\\b401\\b.*")) {
            return Kind.AUTHENTICATION;
        }
        if (text.contains("not permitted") || text.matches("(?s).*\\b403\\b.*") || text.contains("forbidden")) {
            return Kind.PERMISSION;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return Kind.UNREACHABLE;
            }
            if (t instanceof NoRemoteRepositoryException) {
                return Kind.NOT_FOUND;
            }
        }
        if (text.contains("connection failed")
                || text.contains("connection refused")
                || text.contains("timed out")
                || text.contains("cannot open git-upload-pack")
                || text.contains("cannot open git-receive-pack")) {
            return Kind.UNREACHABLE;
        }
        if (text.contains("not found") || text.contains("does not appear to be a git repository")) {
            return Kind.NOT_FOUND;
        }
        return Kind.OTHER;
    }

    /**
     * One sentence for users: what failed, against which remote, and what to check.
     *
     * @param action e.g. {@code fetch from}, {@code push to}, {@code clone}
     */
    String describe(String action, GitRemote remote) {
        String what = "cannot " + action + " " + remote.display() + ": ";
        return what
                + switch (kind) {
                    case AUTHENTICATION ->
                        remote.kind() == GitRemote.Kind.SSH
                                ? "the server did not accept the ssh key " + remote.sshKeyFile() + " (" + detail + ")"
                                : remote.hasCredentials()
                                        ? "the server rejected the credentials; check source.git.username and source.git.password (or the file named by passwordFile)"
                                        : "the server asks for credentials and none are configured (source.git.username, and source.git.password or passwordFile)";
                    case HOST_KEY ->
                        "the server's ssh host key is not listed in " + remote.knownHostsFile()
                                + " (unknown host, or its key changed); the connection was refused";
                    case PERMISSION -> "the server refused access (" + detail + "); the credentials may be read-only";
                    case UNREACHABLE -> "the server is unreachable (" + detail + ")";
                    case NOT_FOUND -> "no git repository there (" + detail + ")";
                    case OTHER -> detail;
                };
    }

    /** What the operator can do about it (for the doctor). */
    String fix(GitRemote remote) {
        return switch (kind) {
            case AUTHENTICATION ->
                remote.kind() == GitRemote.Kind.SSH
                        ? "add the public key of source.git.sshKeyFile as a deploy key (with write access) to the repository"
                        : "set source.git.password (or passwordFile) to a valid token with read and write access to the repository";
            case HOST_KEY ->
                "verify the server's fingerprint, then add its key to source.git.knownHostsFile "
                        + "(e.g. ssh-keyscan -p PORT HOST, compared with the fingerprint your git host publishes)";
            case PERMISSION -> "give the credentials write access to the repository";
            case UNREACHABLE ->
                "check source.git.url, DNS, proxies and network policies between the daemon and the git host";
            case NOT_FOUND -> "check source.git.url (and that the credentials can see the repository)";
            case OTHER -> "check source.git.url and the git host's status";
        };
    }

    /** A failure for the pass, naming the remote, with a cause that carries no secret. */
    SourceException toException(String action, GitRemote remote, Throwable cause) {
        return new SourceException(describe(action, remote), Redaction.scrubbed(cause, remote.secrets()));
    }

    private static String deepestMessage(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        // JGit puts the URL in front of its messages; the describe() sentence already names it.
        String firstLine = message.strip().lines().findFirst().orElse(message);
        return firstLine.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://\\S*?: ", "");
    }

    private static String allMessages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
