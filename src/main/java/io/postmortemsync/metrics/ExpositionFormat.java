package io.postmortemsync.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The two formats {@code /metrics} speaks: Prometheus text 0.0.4 (the default, what curl and
 * every scraper understand) and OpenMetrics 1.0 when the client asks for it. Protobuf is never
 * offered, even to a Prometheus that prefers it: both sides then fall back to text.
 */
enum ExpositionFormat {
    PROMETHEUS_TEXT(PrometheusTextFormatWriter.create()),
    OPENMETRICS(OpenMetricsTextFormatWriter.create());

    private static final String OPENMETRICS_TYPE = "application/openmetrics-text";
    private static final byte[] OPENMETRICS_EOF = "# EOF\n".getBytes(StandardCharsets.UTF_8);

    @SuppressWarnings("ImmutableEnumChecker") // the Prometheus writers keep no state between writes
    private final ExpositionFormatWriter writer;

    ExpositionFormat(ExpositionFormatWriter writer) {
        this.writer = writer;
    }

    ExpositionFormatWriter writer() {
        return writer;
    }

    String contentType() {
        return writer.getContentType();
    }

    /** Writes a complete exposition (with OpenMetrics' closing {@code # EOF}). */
    byte[] writeAll(MetricSnapshots families) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            writer.write(out, families);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes metric families so that more can follow: OpenMetrics ends every exposition with
     * {@code # EOF}, which is left off here (the rest of the scrape ends with it).
     */
    byte[] writeFamilies(MetricSnapshots families) {
        byte[] bytes = writeAll(families);
        if (this == OPENMETRICS) {
            if (!endsWith(bytes, OPENMETRICS_EOF)) {
                throw new IllegalStateException("the OpenMetrics writer did not end with # EOF");
            }
            return Arrays.copyOf(bytes, bytes.length - OPENMETRICS_EOF.length);
        }
        return bytes;
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        return bytes.length >= suffix.length
                && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }

    /**
     * Picks the format for an {@code Accept} header: OpenMetrics when it names
     * {@code application/openmetrics-text} with a quality at least that of plain text (Prometheus
     * itself sends {@code application/openmetrics-text;version=1.0.0;q=0.5,...,text/plain;version=0.0.4;q=0.3,*}{@code /*;q=0.2});
     * text for anything else, including no header and wildcards alone.
     */
    static ExpositionFormat forAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return PROMETHEUS_TEXT;
        }
        double openMetricsQuality = 0;
        double textQuality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (mediaType.equals(OPENMETRICS_TYPE)) {
                openMetricsQuality = Math.max(openMetricsQuality, quality);
            } else if (mediaType.equals("text/plain") || mediaType.equals("text/*") || mediaType.equals("*/*")) {
                textQuality = Math.max(textQuality, quality);
            }
        }
        return openMetricsQuality > 0 && openMetricsQuality >= textQuality ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    /** The {@code q} parameter of a media range (1 when absent, 0 when unreadable so the range is ignored). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2
                    && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(parameter.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
