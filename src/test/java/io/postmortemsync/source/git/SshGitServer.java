package io.postmortemsync.source.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real ssh git server for tests: Apache MINA sshd (already on the classpath through JGit's ssh
 * support) running JGit's UploadPack and ReceivePack for one repository at {@code /repo.git}.
 * It accepts exactly one client public key and presents a host key generated per instance, so
 * tests can write a matching, a missing or a wrong known_hosts entry.
 */
final class SshGitServer implements AutoCloseable {

    private final Repository repository;
    private final KeyPair hostKey;
    private final KeyPair clientKey;
    private final SshServer server;

    SshGitServer(Repository repository) throws IOException, GeneralSecurityException {
        this.repository = repository;
        this.hostKey = newKeyPair();
        this.clientKey = newKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory(new GitCommands());
        server.start();
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    String url() {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/repo.git";
    }

    /** Writes the client's private key in OpenSSH format, as ssh-keygen would. */
    Path writeClientKey(Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "postmortem-sync test", null, out);
        }
        return file;
    }

    /** A known_hosts line for this server holding the given key (its own, or another one). */
    String knownHostsLine(KeyPair key) {
        return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key.getPublic());
    }

    String knownHostsLine() {
        return knownHostsLine(hostKey);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private final class GitCommands implements CommandFactory {
        @Override
        public Command createCommand(ChannelSession channel, String command) {
            return new GitCommand(command);
        }
    }

    /** Runs {@code git-upload-pack '/repo.git'} or {@code git-receive-pack '/repo.git'}. */
    private final class GitCommand implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Thread thread;

        GitCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            thread = new Thread(this::run, "test-ssh-git");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            List<String> words = CommandFactory.split(command);
            String program = words.isEmpty() ? "" : words.get(0);
            String path = words.size() > 1 ? words.get(1).replace("'", "") : "";
            try {
                if (!path.equals("/repo.git") && !path.equals("repo.git")) {
                    err.write(("fatal: '" + path + "' does not appear to be a git repository\n")
                            .getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    exit.onExit(128);
                    return;
                }
                switch (program) {
                    case "git-upload-pack" -> new UploadPack(repository).upload(in, out, err);
                    case "git-receive-pack" -> new ReceivePack(repository).receive(in, out, err);
                    default -> {
                        exit.onExit(127, "unknown command");
                        return;
                    }
                }
                out.flush();
                exit.onExit(0);
            } catch (IOException e) {
                exit.onExit(1, String.valueOf(e.getMessage()));
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
