package io.postmortemsync.server;

import com.sun.net.httpserver.HttpServer;
import io.postmortemsync.metrics.PostmortemMetrics;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP endpoints: {@code GET /metrics} (Prometheus text 0.0.4, or OpenMetrics when
 * asked), {@code GET /healthz} and {@code GET /readyz}. The JDK's HTTP server with one virtual
 * thread per request: a scrape reads prepared state and never waits on a pass.
 *
 * <pre>{@code
 * MetricsServer server = MetricsServer.start(config.server().port(), metrics);
 * ...
 * server.stop();   // on SIGTERM
 * }</pre>
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    static {
        // The JDK server writes the headers and the body of an answer separately. With Nagle's
        // algorithm on (its default), the body then waits for the client's delayed ACK, about
        // 40 ms on Linux, on every scrape over a kept-alive connection. Read once, when the JDK
        // server's configuration class loads, so it must be set before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** How long {@link #stop()} lets answers in flight finish; a scrape takes milliseconds. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final HttpServer server;
    private final ExecutorService executor;
    private final int port;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.port = server.getAddress().getPort();
    }

    /**
     * Starts listening on every interface.
     *
     * @param port the TCP port, 0 for any free one (see {@link #port()})
     * @throws IOException naming the port when it cannot be bound (in use, not permitted)
     */
    public static MetricsServer start(int port, PostmortemMetrics metrics) throws IOException {
        Objects.requireNonNull(metrics, "metrics");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (BindException e) {
            throw new IOException("cannot listen on port " + port + " for /metrics: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new Endpoints(metrics));
        server.start();
        MetricsServer started = new MetricsServer(server, executor);
        log.info("Serving /metrics, /healthz and /readyz on port {}", started.port);
        return started;
    }

    /** The port it listens on (the one chosen when started with 0). */
    public int port() {
        return port;
    }

    /**
     * Stops listening, lets answers in flight finish (briefly), and releases the threads.
     * Safe to call more than once.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        server.stop((int) STOP_GRACE.toSeconds());
        executor.close();
        log.info("Stopped the HTTP server on port {}", port);
    }

    @Override
    public void close() {
        stop();
    }
}
