package io.postmortemsync.config;

import java.util.Locale;
import java.util.Set;

/** Host names that never leave the machine, where plain http carries no credential over a network. */
final class Hosts {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private Hosts() {}

    static boolean isLoopback(String host) {
        return host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
    }
}
