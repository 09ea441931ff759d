package io.postmortemsync.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One scrape, already rendered: the whole body is produced before anything is sent, so an answer
 * is either complete with the right {@code Content-Length} or an error, never half a scrape.
 */
public final class Exposition {

    private final String contentType;
    private final Body body;

    Exposition(String contentType, Body body) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** {@code text/plain; version=0.0.4; charset=utf-8} or the OpenMetrics content type. */
    public String contentType() {
        return contentType;
    }

    /** The body's size in bytes. */
    public int length() {
        return body.size();
    }

    public void writeTo(OutputStream out) throws IOException {
        body.writeTo(out);
    }

    /** The body as text (UTF-8). */
    public String text() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** A byte buffer that is written to without copying it out first. */
    static final class Body extends ByteArrayOutputStream {
        Body(int initialSize) {
            super(initialSize);
        }
    }
}
