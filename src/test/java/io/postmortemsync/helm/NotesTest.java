package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What `helm install` tells the user: how to check that it works, for the mode installed. */
class NotesTest {

    @Test
    void theNotesSayHowToCheckTheDaemon() {
        String notes = Scenario.ALL_FEATURES.chart().installOutput();

        assertThat(notes)
                .contains("kubectl -n postmortems logs deploy/pmsync-postmortem-sync -f")
                .contains("curl -s localhost:9100/readyz")
                .contains(
                        "kubectl -n postmortems exec deploy/pmsync-postmortem-sync -- java -jar /app/postmortem-sync.jar doctor")
                .contains("ServiceMonitor pmsync-postmortem-sync")
                .doesNotContain("WARNING");
    }

    @Test
    void withoutASourceTheNotesWarnThatTheDaemonDoesNothingUseful() {
        assertThat(HelmChart.withDefaults().installOutput()).contains("WARNING: config.source is not set");
    }

    @Test
    void withAnExistingSecretTheNotesSayToRestartAfterChangingIt() {
        assertThat(Scenario.EXISTING_SECRET.chart().installOutput())
                .contains("After changing the Secret pmsync-credentials")
                .contains("kubectl -n postmortems rollout restart deploy/pmsync-postmortem-sync");
    }

    @Test
    void inCronjobModeTheNotesSayHowToRunAPassNow() {
        assertThat(Scenario.CRONJOB.chart().installOutput())
                .contains("kubectl -n postmortems create job --from=cronjob/pmsync-postmortem-sync")
                .doesNotContain("readyz");
    }
}
