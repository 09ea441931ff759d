package io.postmortemsync.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One scrape, already rendered: the whole body exists before anything is sent, so an answer is
 * either complete with the right {@code Content-Length} or an error, never half a scrape. The
 * body is kept in the parts it was rendered in (shared, never modified) and written out as is.
 */
public final class Exposition {

    private final String contentType;
    private final List<byte[]> parts;
    private final int length;

    Exposition(String contentType, List<byte[]> parts) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.parts = List.copyOf(parts);
        this.length = Math.toIntExact(
                this.parts.stream().mapToLong(part -> part.length).sum());
    }

    /** {@code text/plain; version=0.0.4; charset=utf-8} or the OpenMetrics content type. */
    public String contentType() {
        return contentType;
    }

    /** The body's size in bytes. */
    public int length() {
        return length;
    }

    public void writeTo(OutputStream out) throws IOException {
        for (byte[] part : parts) {
            out.write(part);
        }
    }

    /** The body as text (UTF-8). */
    public String text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
