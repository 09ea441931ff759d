package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import org.junit.jupiter.api.Test;

/** mode: cronjob runs one `sync` pass per schedule instead of the long-running daemon. */
class CronJobTest {

    private final Rendered rendered = Scenario.CRONJOB.render();

    @Test
    void aCronjobRunsSyncOnTheScheduleAndNothingLongRunningIsRendered() {
        CronJob cronJob = rendered.one(CronJob.class);

        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 * * * *");
        assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
        assertThat(rendered.container().getArgs())
                .containsExactly("--config", "/etc/postmortem-sync/config.yaml", "sync");
        assertThat(rendered.find(Deployment.class)).isEmpty();
        assertThat(rendered.find(Service.class)).isEmpty();
    }

    @Test
    void onePassAtATimeAndAFailedPassWaitsForTheNextSchedule() {
        CronJob cronJob = rendered.one(CronJob.class);
        JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();

        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(job.getBackoffLimit()).isZero();
        assertThat(job.getActiveDeadlineSeconds()).isEqualTo(1800L);
        assertThat(job.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void thePassHasNoProbesAndNoPort() {
        Container container = rendered.container();

        assertThat(container.getPorts()).isNullOrEmpty();
        assertThat(container.getStartupProbe()).isNull();
        assertThat(container.getLivenessProbe()).isNull();
        assertThat(container.getReadinessProbe()).isNull();
    }

    @Test
    void theDefaultScheduleIsEveryFifteenMinutes() {
        CronJob cronJob =
                HelmChart.withDefaults().values("mode: cronjob").render().one(CronJob.class);

        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("*/15 * * * *");
        assertThat(cronJob.getSpec().getTimeZone()).isNull();
    }
}
