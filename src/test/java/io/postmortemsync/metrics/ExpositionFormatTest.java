package io.postmortemsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class ExpositionFormatTest {

    @ParameterizedTest
    @NullAndEmptySource
    void noAcceptHeaderGetsText(String accept) {
        assertThat(ExpositionFormat.forAccept(accept)).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // What Prometheus 2.x sends by default: OpenMetrics preferred.
                "application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2 | OPENMETRICS",
                "application/openmetrics-text | OPENMETRICS",
                "Application/OpenMetrics-Text; version=1.0.0 | OPENMETRICS",
                "text/plain, application/openmetrics-text | OPENMETRICS",
                // A Prometheus that prefers protobuf: we do not speak it, text is its fallback.
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3,*/*;q=0.2 | PROMETHEUS_TEXT",
                "*/* | PROMETHEUS_TEXT",
                "text/plain;version=0.0.4 | PROMETHEUS_TEXT",
                "text/plain;q=1, application/openmetrics-text;q=0.5 | PROMETHEUS_TEXT",
                "application/openmetrics-text;q=0 | PROMETHEUS_TEXT",
                "application/openmetrics-text;q=banana | PROMETHEUS_TEXT",
                "application/json | PROMETHEUS_TEXT",
            })
    void theAcceptHeaderChoosesTheFormat(String accept, ExpositionFormat expected) {
        assertThat(ExpositionFormat.forAccept(accept)).isEqualTo(expected);
    }
}
