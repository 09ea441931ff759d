package io.postmortemsync.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.postmortemsync.metrics.Exposition;
import io.postmortemsync.metrics.PostmortemMetrics;
import io.postmortemsync.metrics.Readiness;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests by exact path. Every answer is complete or a short plain-text error: unknown
 * paths 404, other methods than GET/HEAD 405 with {@code Allow}, failures 500 without details
 * (those go to the log).
 */
final class Endpoints implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(Endpoints.class);

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String ALLOWED_METHODS = "GET, HEAD";

    private final PostmortemMetrics metrics;

    Endpoints(PostmortemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) {
        // Not try-with-resources: the exchange must still be open when a failure is answered.
        try {
            route(exchange);
        } catch (IOException e) {
            // The client went away mid-answer: nothing to tell anyone but the debug log.
            log.debug("Could not answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        } catch (RuntimeException e) {
            log.warn("Failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            if (exchange.getResponseCode() == -1) {
                try {
                    sendText(exchange, 500, "internal error, see the daemon's log\n");
                } catch (IOException ignored) {
                    // The client is gone too.
                }
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean known = path.equals("/metrics") || path.equals("/healthz") || path.equals("/readyz");
        if (!known) {
            sendText(exchange, 404, "not found; this server answers /metrics, /healthz and /readyz\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", ALLOWED_METHODS);
            sendText(
                    exchange,
                    405,
                    "method " + method + " not allowed on " + path + "; allowed: " + ALLOWED_METHODS + "\n");
        } else {
            switch (path) {
                case "/metrics" -> sendMetrics(exchange);
                case "/healthz" -> sendText(exchange, 200, "ok\n");
                default -> sendReadiness(exchange);
            }
        }
    }

    private void sendMetrics(HttpExchange exchange) throws IOException {
        Exposition exposition = metrics.scrape(exchange.getRequestHeaders().getFirst("Accept"));
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", exposition.contentType());
        headers.set("Cache-Control", "no-store");
        if (isHead(exchange)) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, exposition.length());
        try (OutputStream body = exchange.getResponseBody()) {
            exposition.writeTo(body);
        }
    }

    private void sendReadiness(HttpExchange exchange) throws IOException {
        switch (metrics.readiness()) {
            case Readiness.Ready ready ->
                sendText(exchange, 200, "ready: last successful sync pass finished at " + ready.lastSuccess() + "\n");
            case Readiness.NotReady notReady -> sendText(exchange, 503, "not ready: " + notReady.reason() + "\n");
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", TEXT);
        headers.set("Cache-Control", "no-store");
        if (isHead(exchange)) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static boolean isHead(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("HEAD");
    }
}
