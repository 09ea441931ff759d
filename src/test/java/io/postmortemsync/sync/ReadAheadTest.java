package io.postmortemsync.sync;

import static io.postmortemsync.sync.LineFormat.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.markdown.ItemChange;
import io.postmortemsync.postmortem.markdown.RewriteResult;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A process's first pass asks the tracker what it can answer without the documents (the daemon's
 * own tickets; the metadata creates need) while the documents are still being parsed.
 */
class ReadAheadTest {

    private final Fixture f = new Fixture();

    @Test
    void theFirstPassListsTheDaemonsTicketsWhileItParsesTheDocuments() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        CountDownLatch listed = new CountDownLatch(1);
        f.tracker.beforeListing(listed::countDown);
        AtomicBoolean parsedWhileListing = new AtomicBoolean();
        f.format = parsingOnlyAfter(listed, parsedWhileListing);

        PassReport report = f.engine().sync();

        // Without the read-ahead the listing would only start after the parse, which waits for it.
        assertThat(parsedWhileListing).isTrue();
        assertThat(report.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(report.summary().created()).isEqualTo(1);
        assertThat(f.tracker.count("search"))
                .as("listed once, by the read-ahead")
                .isEqualTo(1);
    }

    @Test
    void onlyTheFirstSyncOfAProcessReadsAheadForCreates() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        SyncEngine engine = f.engine();

        engine.sync();
        assertThat(f.tracker.preparations()).isEqualTo(1);

        f.nextInterval();
        f.source.put("b.md", document("INC-2", null, "- Add an alarm | detect | Not Started | "));
        engine.sync();
        assertThat(f.tracker.preparations())
                .as("later passes: the metadata is cached or not needed")
                .isEqualTo(1);

        f.engine().plan();
        assertThat(f.tracker.preparations()).as("plan creates nothing").isEqualTo(1);
    }

    @Test
    void aPassThatCannotReadTheDocumentsAsksTheTrackerNothing() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        f.source.goDown();

        PassReport report = f.engine().sync();

        assertThat(report.outcome()).isEqualTo(PassOutcome.FAILURE);
        assertThat(f.tracker.requests()).isEmpty();
        assertThat(f.tracker.preparations()).isZero();
    }

    @Test
    void aListingThatFailsFailsThePassAndTheNextPassListsAgain() {
        f.source.put("a.md", document("INC-1", null, "- Raise the pool size | prevent | Not Started | "));
        f.tracker.goDown();
        SyncEngine engine = f.engine();

        PassReport failed = engine.sync();
        assertThat(failed.outcome()).isEqualTo(PassOutcome.FAILURE);
        assertThat(failed.errors())
                .extracting(PassReport.Problem::format)
                .containsExactly("error: reading the tracker failed: jira.example.com: connection refused");
        assertThat(f.tracker.tickets()).isEmpty();

        f.tracker.comeBack();
        f.nextInterval();
        f.tracker.clearRequests();
        PassReport recovered = engine.sync();
        assertThat(recovered.outcome()).isEqualTo(PassOutcome.SUCCESS);
        assertThat(recovered.kind()).isEqualTo(PassReport.Kind.FULL);
        assertThat(f.tracker.count("search")).isEqualTo(1);
        assertThat(f.tracker.tickets()).hasSize(1);
    }

    /** The line format, whose parse waits (at most ten seconds) until the tracker was asked for its listing. */
    private static DocumentFormat parsingOnlyAfter(CountDownLatch listed, AtomicBoolean parsedWhileListing) {
        LineFormat lines = new LineFormat();
        return new DocumentFormat() {
            @Override
            public ParsedDocument parse(String file, byte[] content) {
                try {
                    parsedWhileListing.set(listed.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return lines.parse(file, content);
            }

            @Override
            public RewriteResult rewrite(String file, byte[] content, List<ItemChange> changes) {
                return lines.rewrite(file, content, changes);
            }

            @Override
            public List<ParsedDocument> checkAcrossDocuments(List<ParsedDocument> documents) {
                return lines.checkAcrossDocuments(documents);
            }
        };
    }
}
