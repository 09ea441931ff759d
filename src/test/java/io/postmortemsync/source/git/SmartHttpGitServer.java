package io.postmortemsync.source.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real git smart-HTTP server for tests, protected by HTTP Basic auth: the JDK's HttpServer in
 * front of JGit's own UploadPack and ReceivePack (the server side of fetch and push), serving one
 * repository at {@code /repo.git}. Fetch, clone and push work for the right user name and
 * password; anything else gets 401, exactly as a git host answers bad credentials. JGit's servlet
 * based server would need a servlet container; this needs nothing beyond the JDK and JGit.
 *
 * <p>{@link #stop()} closes the port (clients get "connection refused"); {@link #start()} opens
 * the same port again.
 */
final class SmartHttpGitServer implements AutoCloseable {

    private final Repository repository;
    private final String user;
    private volatile String password;
    private volatile GitFixture.ThrowingRunnable beforeReceive = () -> {};
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger pushes = new AtomicInteger();
    private final java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean receiveAllowed = true;
    private HttpServer server;
    private int port;

    SmartHttpGitServer(Repository repository, String user, String password) throws IOException {
        this.repository = repository;
        this.user = user;
        this.password = password;
        start();
    }

    synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/repo.git/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The password the server accepts from now on (a rotated token). */
    void changePassword(String newPassword) {
        this.password = newPassword;
    }

    /**
     * Runs when a push arrives, before it is processed: a person pushing in that instant makes
     * the push's expected old head stale, the race every shared branch has.
     */
    void beforeReceive(GitFixture.ThrowingRunnable action) {
        this.beforeReceive = action;
    }

    /** When false, the server refuses pushes with 403 as a host does for read-only credentials. */
    void allowReceive(boolean allowed) {
        this.receiveAllowed = allowed;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/repo.git";
    }

    int unauthorizedResponses() {
        return unauthorized.get();
    }

    /** The authorized requests so far, e.g. {@code GET info/refs?service=git-upload-pack}. */
    java.util.List<String> requests() {
        return java.util.List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    int pushesReceived() {
        return pushes.get();
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                unauthorized.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            String method = exchange.getRequestMethod();
            requests.add(method + " " + path.substring(path.indexOf("/repo.git/") + "/repo.git/".length())
                    + (query == null ? "" : "?" + query));
            if ("GET".equals(method) && path.endsWith("/info/refs") && query != null) {
                advertise(exchange, query.replace("service=", ""));
            } else if ("POST".equals(method) && path.endsWith("/git-upload-pack")) {
                respond(exchange, "git-upload-pack");
            } else if ("POST".equals(method) && path.endsWith("/git-receive-pack")) {
                respond(exchange, "git-receive-pack");
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String expected = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return header.substring("Basic ".length()).equals(expected);
    }

    private void advertise(HttpExchange exchange, String service) throws IOException {
        if (!service.equals("git-upload-pack") && !service.equals("git-receive-pack")) {
            exchange.sendResponseHeaders(403, -1);
            return;
        }
        if (service.equals("git-receive-pack") && !receiveAllowed) {
            exchange.sendResponseHeaders(403, -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-" + service + "-advertisement");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            PacketLineOut packets = new PacketLineOut(out);
            packets.writeString("# service=" + service + "\n");
            packets.end();
            RefAdvertiser.PacketLineOutRefAdvertiser advertiser = new RefAdvertiser.PacketLineOutRefAdvertiser(packets);
            if (service.equals("git-upload-pack")) {
                UploadPack upload = new UploadPack(repository);
                upload.setBiDirectionalPipe(false);
                upload.sendAdvertisedRefs(advertiser);
            } else {
                ReceivePack receive = new ReceivePack(repository);
                receive.setBiDirectionalPipe(false);
                receive.sendAdvertisedRefs(advertiser);
            }
        }
    }

    private void respond(HttpExchange exchange, String service) throws IOException {
        if (service.equals("git-receive-pack") && !receiveAllowed) {
            exchange.sendResponseHeaders(403, -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-" + service + "-result");
        exchange.sendResponseHeaders(200, 0);
        InputStream body = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(body);
        }
        try (InputStream in = body;
                OutputStream out = exchange.getResponseBody()) {
            if (service.equals("git-upload-pack")) {
                UploadPack upload = new UploadPack(repository);
                upload.setBiDirectionalPipe(false);
                upload.upload(in, out, null);
            } else {
                pushes.incrementAndGet();
                try {
                    beforeReceive.run();
                } catch (Exception | AssertionError e) {
                    throw new IOException("the test's beforeReceive action failed", e);
                }
                ReceivePack receive = new ReceivePack(repository);
                receive.setBiDirectionalPipe(false);
                receive.receive(in, out, null);
            }
        }
    }
}
