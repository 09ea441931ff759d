package io.postmortemsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsMetricsAndTheirMatcherLabelsButNotFunctionsKeywordsOrGroupings() {
        assertThat(PromQl.selectors("""
                sum by (namespace, job, service) (
                  label_replace(up_total{severity=~"P1|P2", status!="x,y"}, "dst", "$1", "src", "(.*)")
                ) / on (job) group_left() rate(b_bucket[$__rate_interval]) > 3 * c
                or vector(0) and d{job=~"$job"} offset 1h unless histogram_quantile(0.95, e)
                """))
                .containsExactly(
                        new PromQl.Selector("up_total", Set.of("severity", "status")),
                        new PromQl.Selector("b_bucket", Set.of()),
                        new PromQl.Selector("c", Set.of()),
                        new PromQl.Selector("d", Set.of("job")),
                        new PromQl.Selector("e", Set.of()));
    }
}
