package io.postmortemsync.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VocabularyTest {

    @ParameterizedTest
    @CsvSource({
        "Prevent,PREVENT",
        "prevention,PREVENT",
        "Preventive,PREVENT",
        "PREVENTATIVE,PREVENT",
        "Mitigate,PREVENT",
        "mitigation,PREVENT",
        "Detect,DETECT",
        "Detection,DETECT",
        "detective,DETECT",
        "Monitoring,DETECT",
        "alerting,DETECT",
        "Respond,RESPOND",
        "Response,RESPOND",
        "process,RESPOND",
        "Corrective,RESPOND",
        "repair,RESPOND",
        "Runbook,RESPOND",
        "' detect ',DETECT"
    })
    void typeSynonymsMapToTheirType(String word, ItemType expected) {
        assertThat(ItemType.fromText(word)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Other", "prevents", "", "Fix"})
    void unknownTypeWordsAreRejected(String word) {
        assertThat(ItemType.fromText(word)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "Not Started,NOT_STARTED",
        "todo,NOT_STARTED",
        "To Do,NOT_STARTED",
        "OPEN,NOT_STARTED",
        "new,NOT_STARTED",
        "'',NOT_STARTED",
        "'not   started',NOT_STARTED",
        "In Progress,IN_PROGRESS",
        "wip,IN_PROGRESS",
        "Doing,IN_PROGRESS",
        "in-progress,IN_PROGRESS",
        "started,IN_PROGRESS",
        "In Review,IN_PROGRESS",
        "Completed,COMPLETED",
        "DONE,COMPLETED",
        "complete,COMPLETED",
        "Closed,COMPLETED",
        "resolved,COMPLETED",
        "Fixed,COMPLETED",
        "Deferred,DEFERRED",
        "won't do,DEFERRED",
        "Won’t Do,DEFERRED",
        "wontfix,DEFERRED",
        "won't fix,DEFERRED",
        "postponed,DEFERRED",
        "Cancelled,DEFERRED"
    })
    void statusSynonymsMapToTheirStatus(String word, ItemStatus expected) {
        assertThat(ItemStatus.fromText(word)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Blocked", "half done", "tbd"})
    void unknownStatusWordsAreRejected(String word) {
        assertThat(ItemStatus.fromText(word)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"P1,P1", "p2,P2", "SEV1,P1", "Sev 1,P1", "sev-3,P3", "Severity 4,P4", "' P3 ',P3"})
    void severityForms(String text, Severity expected) {
        assertThat(Severity.fromText(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P5", "P0", "high", "SEV", ""})
    void unknownSeveritiesAreEmpty(String text) {
        assertThat(Severity.fromText(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "NOT_STARTED,Not Started,not_started",
        "IN_PROGRESS,In Progress,in_progress",
        "COMPLETED,Completed,completed",
        "DEFERRED,Deferred,deferred"
    })
    void statusTextsAndLabels(ItemStatus status, String text, String label) {
        assertThat(status.text()).isEqualTo(text);
        assertThat(status.metricLabel()).isEqualTo(label);
    }
}
