package io.postmortemsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.sync.PassReport.Action;
import io.postmortemsync.sync.PassReport.Op;
import io.postmortemsync.sync.PassReport.Problem;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassReportFormatTest {

    private final PassReport report = new PassReport(
            PassReport.Mode.SYNC,
            PassReport.Kind.FULL,
            PassOutcome.PARTIAL,
            Instant.parse("2025-05-01T09:00:00Z"),
            Duration.ofMillis(1200),
            2,
            3,
            List.of(
                    new Action(
                            Op.CREATE,
                            "pm/a.md",
                            31,
                            "3f9a0c4be21d",
                            "OPS-124",
                            "prevent item: new Task in OPS: Raise the pool size"),
                    new Action(Op.WRITE_BACK, "pm/a.md", 31, "3f9a0c4be21d", "OPS-124", "OPS-124: ticket key added"),
                    new Action(
                            Op.SKIP,
                            "pm/b.md",
                            7,
                            "0123456789ab",
                            null,
                            "Completed in the document; no ticket is created for it")),
            new PassReport.Summary(1, 0, 0, 1, 1, 1),
            List.of(
                    new Problem(null, 0, Diagnostic.Level.ERROR, "the tracker failed: boom"),
                    new Problem(
                            "pm/b.md",
                            9,
                            Diagnostic.Level.ERROR,
                            "the tracker refused the ticket (client error): bad")));

    @Test
    void jsonHasExactlyTheShapeOfTheContract() throws Exception {
        JsonNode json = new ObjectMapper().readTree(PassReportFormat.JSON.render(report));

        assertThat(json.fieldNames()).toIterable().containsExactly("actions", "summary", "errors");
        JsonNode first = json.get("actions").get(0);
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly("op", "file", "line", "syncKey", "ticket", "detail");
        assertThat(first.get("op").asText()).isEqualTo("create");
        assertThat(first.get("line").asInt()).isEqualTo(31);
        assertThat(json.get("actions").get(1).get("op").asText()).isEqualTo("writeBack");
        assertThat(json.get("actions").get(2).get("ticket").isNull()).isTrue();
        assertThat(json.get("summary").fieldNames())
                .toIterable()
                .containsExactly("created", "adopted", "linked", "writtenBack", "unchanged", "failed");
        assertThat(json.get("summary").get("failed").asInt()).isEqualTo(1);
        assertThat(json.get("errors").get(0).get("file").isNull()).isTrue();
        assertThat(json.get("errors").get(0).get("line").isNull())
                .as("no line, as validate says it")
                .isTrue();
        assertThat(json.get("errors").get(1).get("line").asInt()).isEqualTo(9);
        assertThat(json.get("errors").get(1).fieldNames())
                .toIterable()
                .containsExactly("file", "line", "severity", "message");
        assertThat(json.get("errors").get(1).get("severity").asText()).isEqualTo("error");
    }

    @Test
    void textShowsOneLinePerActionThenTheProblemsThenASummary() {
        String n = System.lineSeparator();
        assertThat(PassReportFormat.TEXT.render(report))
                .isEqualTo("create     pm/a.md:31  OPS-124    prevent item: new Task in OPS: Raise the pool size" + n
                        + "writeBack  pm/a.md:31  OPS-124    OPS-124: ticket key added" + n
                        + "skip       pm/b.md:7   -          Completed in the document; no ticket is created for it" + n
                        + "error: the tracker failed: boom" + n
                        + "pm/b.md:9: error: the tracker refused the ticket (client error): bad" + n
                        + "sync partial: 1 created, 0 adopted, 0 linked, 1 written back, 1 unchanged, 1 failed (full pass, 2 documents, 3 items)"
                        + n);
    }
}
