package io.postmortemsync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wrong value fails at install time (helm install and helm template validate the same way)
 * with a message that names it: values.schema.json for the shape, the templates for what only
 * makes sense together.
 */
class WrongValuesTest {

    @Test
    void helmLintStrictFindsNothingToWarnAbout() {
        LintResult lint = HelmChart.lintStrict();

        assertThat(lint.isFailed()).as("lint failed: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            mode: daemon                                      | at '/mode': value must be one of 'deployment', 'cronjob'
            secret: {jiraApiToken: x}                         | additional properties 'secret' not allowed
            secrets: {jiraApitoken: x}                        | at '/secrets': additional properties 'jiraApitoken' not allowed
            secrets: {jiraApiToken: 42}                       | at '/secrets/jiraApiToken': got number, want string
            existingSecret: true                              | at '/existingSecret': got boolean, want string
            image: {repository: ''}                           | at '/image/repository'
            image: {digest: 'latest'}                         | at '/image/digest'
            schedule: every hour                              | at '/schedule'
            config: {sources: {type: git}}                    | at '/config': additional properties 'sources' not allowed
            config: {source: {type: svn}}                     | at '/config/source/type'
            config: {tracker: {deployment: server}}           | at '/config/tracker/deployment'
            config: {server: {port: 0}}                       | at '/config/server/port'
            config: {server: {port: '${PORT}'}}               | at '/config/server/port': got string, want integer
            config: {source: {git: https://x}}                | at '/config/source/git': got string, want object
            serviceMonitor: {enabled: 'yes'}                  | at '/serviceMonitor/enabled': got string, want boolean
            serviceMonitor: {interval: 1 minute}              | at '/serviceMonitor/interval'
            prometheusRule: {runbookUrlPrefix: 'wiki/runbooks'} | at '/prometheusRule/runbookUrlPrefix'
            resources: {limits: {memory: lots}}               | at '/resources/limits/memory'
            probes: {liveness: {periodSecond: 5}}             | additional properties 'periodSecond' not allowed
            workdir: {sizeLimit: 1 GB}                        | at '/workdir/sizeLimit'
            networkPolicy: {egressTo: {cidr: 10.0.0.0/8}}     | at '/networkPolicy/egressTo': got object, want array
            """)
    void aValueOfTheWrongShapeFailsNamingIt(String values, String message) {
        String failure = HelmChart.withDefaults().values(values).failure();

        assertThat(failure)
                .contains("values don't meet the specifications of the schema")
                .contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "existingSecret: mine\nsecrets: {jiraToken: x}" \
                | existingSecret (mine) and secrets.jiraToken are both set
            "secrets: {jiraApiToken: x}\nconfig: {tracker: {url: 'https://a.atlassian.net', auth: {email: a@b.c, apiToken: y}}}" \
                | secrets.jiraApiToken is set, and config.tracker.auth.apiToken gives the same secret: remove config.tracker.auth.apiToken
            "secrets: {jiraApiToken: x}\nconfig: {tracker: {url: 'https://a.atlassian.net', auth: {apiTokenFile: /t}}}" \
                | secrets.jiraApiToken is set, so the chart writes config.tracker.auth.apiTokenFile itself: remove it from config
            "secrets: {gitPassword: x}\nconfig: {source: {type: git, git: {url: 'https://h/r.git', password: y}}}" \
                | remove config.source.git.password
            "secrets: {jiraToken: x}" \
                | secrets.jiraToken is set, but config has no Jira tracker
            "secrets: {jiraToken: x}\nconfig: {tracker: {type: none}}" \
                | secrets.jiraToken is set, but config has no Jira tracker
            "secrets: {gitSshKey: x}\nconfig: {source: {type: directory}}" \
                | secrets.gitSshKey is set, but config.source.type is not git
            "mode: cronjob\nserviceMonitor: {enabled: true}" \
                | serviceMonitor.enabled needs mode: deployment
            "mode: cronjob\nprometheusRule: {enabled: true}" \
                | prometheusRule.enabled needs mode: deployment
            "mode: cronjob\ngrafanaDashboard: {enabled: true}" \
                | grafanaDashboard.enabled needs mode: deployment
            """)
    void valuesThatContradictEachOtherFailSayingWhatToChange(String values, String message) {
        String failure =
                HelmChart.withDefaults().values(values.replace("\\n", "\n")).failure();

        assertThat(failure).contains(message);
    }
}
