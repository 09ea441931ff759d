package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The request counts the benchmark's targets are made of (issue 4), on 1,000 documents with 5,000
 * items: counts, not times, so the test is exact and fast. The benchmark measures the same passes
 * against the fake Jira over HTTP.
 */
class RequestBudgetTest {

    @Test
    void coldSteadyAndFiftyChangesStayWithinTheirRequestBudgets() {
        Fixture f = new Fixture();
        for (int d = 0; d < 1000; d++) {
            int doc = d;
            String[] rows = IntStream.range(0, 5)
                    .mapToObj(i -> "- Action " + i + " of incident " + doc + " | "
                            + (i % 3 == 0 ? "prevent" : i % 3 == 1 ? "detect" : "respond") + " | "
                            + (i == 4 ? "In Progress" : "Not Started") + " | ")
                    .toArray(String[]::new);
            f.source.put(String.format("pm/%04d.md", d), document("INC-" + d, null, rows));
        }
        SyncEngine engine = f.engine();

        PassReport cold = engine.sync();
        assertThat(cold.summary().created()).isEqualTo(5000);
        assertThat(f.tracker.count("create")).isLessThanOrEqualTo(100);
        assertThat(f.tracker.requests().size() - f.tracker.count("create")).isLessThanOrEqualTo(60);
        assertThat(f.source.written()).hasSize(1000); // one write per document

        // The first pass after creating thousands reads their statuses (a cold pass does not read
        // back more than a round of tickets) and writes the ones that differ from the documents.
        f.nextInterval();
        f.tracker.clearRequests();
        engine.sync();
        assertThat(f.tracker.requests().size()).isLessThanOrEqualTo(51);

        f.nextInterval();
        f.tracker.clearRequests();
        f.source.clearCounts();
        PassReport steady = engine.sync();
        assertThat(f.tracker.requests().size()).isLessThanOrEqualTo(2);
        assertThat(f.source.written()).isEmpty();
        assertThat(steady.actions()).isEmpty();

        f.nextInterval();
        Set<String> affected = new HashSet<>();
        for (int n = 0; n < 50; n++) {
            int ticket = 1 + n * 97;
            f.tracker.setStatus("OPS-" + ticket, FakeTracker.DONE);
            affected.add(f.tracker.stored("OPS-" + ticket).request.postmortem().file());
        }
        f.tracker.clearRequests();
        f.source.clearCounts();
        PassReport changed = engine.sync();
        assertThat(f.tracker.requests().size()).isLessThanOrEqualTo(3);
        assertThat(Set.copyOf(f.source.written())).isEqualTo(affected);
        assertThat(f.source.written()).hasSize(affected.size());
        assertThat(changed.summary().writtenBack()).isEqualTo(50);
    }
}
