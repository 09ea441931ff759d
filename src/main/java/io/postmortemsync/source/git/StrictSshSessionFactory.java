package io.postmortemsync.source.git;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * ssh for an unattended daemon: exactly one private key, exactly one known_hosts file, and the
 * host key always verified against it. Nothing is read from the user's {@code ~/.ssh} (no
 * config, no default keys, no agent), nothing is ever added to known_hosts, and an unknown or
 * changed host key is refused whatever an ssh config might say ("accept-new" would let the first
 * connection trust an attacker).
 */
final class StrictSshSessionFactory extends SshdSessionFactory {

    private final Path keyFile;
    private final Path knownHostsFile;

    StrictSshSessionFactory(Path keyFile, Path knownHostsFile) {
        super(null, null);
        this.keyFile = keyFile;
        this.knownHostsFile = knownHostsFile;
        // A directory that does not exist: should JGit look for defaults anywhere we did not
        // override, it finds nothing instead of the container user's ~/.ssh.
        File nowhere = new File(System.getProperty("java.io.tmpdir"), "postmortem-sync-no-ssh-home");
        setHomeDirectory(nowhere);
        setSshDirectory(new File(nowhere, ".ssh"));
    }

    @Override
    protected List<Path> getDefaultIdentities(File sshDir) {
        return keyFile == null ? List.of() : List.of(keyFile);
    }

    @Override
    protected List<Path> getDefaultKnownHostsFiles(File sshDir) {
        return knownHostsFile == null ? List.of() : List.of(knownHostsFile);
    }

    @Override
    protected SshConfigStore createSshConfigStore(File homeDir, File configFile, String localUserName) {
        return null; // no ssh config: every setting that matters is fixed here
    }

    @Override
    protected ConnectorFactory getConnectorFactory() {
        return null; // no ssh agent
    }

    @Override
    protected String getDefaultPreferredAuthentications() {
        return "publickey";
    }

    @Override
    protected ServerKeyDatabase createServerKeyDatabase(File homeDir, File sshDir) {
        return new RequireKnownHostKey(super.createServerKeyDatabase(homeDir, sshDir), knownHostsFile);
    }

    /**
     * Delegates known_hosts parsing (hashed names, ports, wildcards, {@code @revoked}) to JGit,
     * but fixes the policy: only the configured file, a key must match, and nobody is asked
     * (no credentials provider), so nothing can be accepted or written.
     */
    private record RequireKnownHostKey(ServerKeyDatabase delegate, Path knownHostsFile) implements ServerKeyDatabase {

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return delegate.lookup(connectAddress, remoteAddress, strict(config));
        }

        @Override
        public boolean accept(
                String connectAddress,
                InetSocketAddress remoteAddress,
                PublicKey serverKey,
                Configuration config,
                CredentialsProvider provider) {
            if (knownHostsFile == null) {
                return false;
            }
            return delegate.accept(connectAddress, remoteAddress, serverKey, strict(config), null);
        }

        private Configuration strict(Configuration config) {
            List<String> files = knownHostsFile == null ? List.of() : List.of(knownHostsFile.toString());
            return new Configuration() {
                @Override
                public List<String> getUserKnownHostsFiles() {
                    return files;
                }

                @Override
                public List<String> getGlobalKnownHostsFiles() {
                    return List.of();
                }

                @Override
                public StrictHostKeyChecking getStrictHostKeyChecking() {
                    return StrictHostKeyChecking.REQUIRE_MATCH;
                }

                @Override
                public boolean getHashKnownHosts() {
                    return false;
                }

                @Override
                public String getUsername() {
                    return config.getUsername();
                }
            };
        }
    }
}
