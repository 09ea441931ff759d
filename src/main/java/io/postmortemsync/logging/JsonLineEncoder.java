package io.postmortemsync.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per log event, on one line: {@code timestamp} (ISO-8601, UTC, milliseconds), {@code level},
 * {@code logger}, {@code thread}, {@code message}, then the MDC entries and the key-value pairs of
 * SLF4J's fluent API as fields of their own, and {@code exception} ({@code class}, {@code message},
 * the {@code causes}; {@code stackTrace} only when debugging). Line breaks inside a message are
 * escaped by JSON, so one event is always one line.
 */
final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

    private static final Set<String> RESERVED =
            Set.of("timestamp", "level", "logger", "thread", "message", "exception");
    private static final byte[] NO_BYTES = new byte[0];

    /** Always three fraction digits, so that lines sort and align (Instant.toString varies: 0, 3, 6 or 9). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonFactory json = new JsonFactory();
    private final boolean stackTraces;

    JsonLineEncoder(boolean stackTraces) {
        this.stackTraces = stackTraces;
    }

    @Override
    public byte[] headerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] footerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("timestamp", TIMESTAMP.format(event.getInstant()));
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("message", event.getFormattedMessage());
            for (Map.Entry<String, String> mdc : event.getMDCPropertyMap().entrySet()) {
                g.writeStringField(field(mdc.getKey()), mdc.getValue());
            }
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    // String.valueOf: a Secret shows Secret[****], like in any message.
                    g.writeStringField(field(pair.key), String.valueOf(pair.value));
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                writeException(g, thrown);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a log line", e); // a ByteArrayOutputStream does not fail
        }
        out.write('\n');
        return out.toByteArray();
    }

    private void writeException(JsonGenerator g, IThrowableProxy thrown) throws IOException {
        g.writeObjectFieldStart("exception");
        g.writeStringField("class", thrown.getClassName());
        g.writeStringField("message", thrown.getMessage());
        IThrowableProxy cause = thrown.getCause();
        if (cause != null) {
            g.writeArrayFieldStart("causes");
            for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
                g.writeStartObject();
                g.writeStringField("class", cause.getClassName());
                g.writeStringField("message", cause.getMessage());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (stackTraces) {
            g.writeStringField("stackTrace", ThrowableProxyUtil.asString(thrown));
        }
        g.writeEndObject();
    }

    /** MDC keys that collide with the event's own fields are prefixed, never overwrite them. */
    private static String field(String key) {
        return RESERVED.contains(key) ? "mdc." + key : key;
    }
}
