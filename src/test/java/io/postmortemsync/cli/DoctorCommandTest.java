package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.config.Config;
import io.postmortemsync.config.ConfigException;
import io.postmortemsync.config.ConfigProblem;
import io.postmortemsync.config.DefaultsConfig;
import io.postmortemsync.config.LoggingConfig;
import io.postmortemsync.config.ServerConfig;
import io.postmortemsync.config.SourceConfig;
import io.postmortemsync.config.SyncConfig;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.doctor.CheckProvider;
import io.postmortemsync.doctor.CheckResult;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.FakeJiraExtension;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.tracker.jira.JiraDoctor;
import io.postmortemsync.tracker.jira.JiraTracker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code postmortem-sync --config FILE doctor}: one line per check, exit 0 / 1 / 2. */
class DoctorCommandTest {

    @RegisterExtension
    final FakeJiraExtension jira = FakeJiraExtension.cloud();

    final TestClock clock = TestClock.at("2025-04-16T08:00:00Z");
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(Function<PostmortemSyncCommand, Config> source, List<CheckProvider> providers, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == DoctorCommand.class
                        ? cls.cast(new DoctorCommand(source, providers))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cli = PostmortemSyncCommand.commandLine(
                new PostmortemSyncCommand(Map.of(), logging -> {}),
                factory,
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return cli.execute(args);
    }

    private JiraDoctor doctor() {
        JiraTracker.Tuning tuning =
                JiraTracker.Tuning.defaults().withSleeper(clock::advance).withMaxAttempts(2);
        return new JiraDoctor(clock, tuning);
    }

    private Config config(String project) {
        FakeJira fake = jira.get();
        TrackerConfig tracker = new TrackerConfig(
                TrackerConfig.TrackerType.JIRA,
                fake.url(),
                TrackerConfig.Deployment.AUTO,
                fake.auth(),
                project,
                List.of("postmortem"),
                Map.of(),
                "Relates",
                true,
                Map.of(),
                List.of(),
                Map.of(),
                4);
        return new Config(
                new SourceConfig(
                        SourceConfig.SourceType.DIRECTORY,
                        Path.of("postmortems"),
                        List.of("**/*.md"),
                        List.of(),
                        null,
                        null),
                tracker,
                new DefaultsConfig(ItemType.PREVENT),
                new SyncConfig(Duration.ofMinutes(5), Duration.ofHours(1), ZoneOffset.UTC, true),
                new ServerConfig(0),
                new LoggingConfig(LoggingConfig.Format.TEXT, "info"));
    }

    @Test
    void allChecksPassingExitsZeroWithOneMarkedLinePerCheck() {
        Config config = config("OPS");

        int exit = run(root -> config, List.of(doctor()), "--config", "postmortem-sync.yaml", "doctor");

        assertThat(exit).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.getFirst()).startsWith("[PASS] Jira reachable: ");
        assertThat(lines).contains("[PASS] Project OPS: Operations");
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.startsWith("[PASS] "));
        assertThat(lines.getLast()).matches("All \\d+ checks passed\\.");
    }

    @Test
    void aFailedCheckExitsOneAndSaysWhatToFix() {
        Config config = config("NOPE");

        int exit = run(root -> config, List.of(doctor()), "--config", "postmortem-sync.yaml", "doctor");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("[FAIL] Project NOPE: ")
                .contains(" Fix: Check the project key in tracker.project");
        assertThat(out.toString().lines().toList().getLast()).matches("\\d+ of \\d+ checks failed\\.");
    }

    @Test
    void everyProviderRunsInOrderAndABrokenOneIsAFailureNotACrash() {
        Config config = config("OPS");
        CheckProvider git = c -> List.of(CheckResult.warn("Git remote reachable", "slow answer", "check the network"));
        CheckProvider broken = c -> {
            throw new IllegalStateException("boom");
        };

        int exit = run(root -> config, List.of(doctor(), git, broken), "--config", "x.yaml", "doctor");

        assertThat(exit).isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).contains("[WARN] Git remote reachable: slow answer Fix: Check the network.");
        assertThat(lines.get(lines.size() - 2))
                .startsWith("[FAIL] ")
                .contains("the check itself failed: java.lang.IllegalStateException: boom");
    }

    @Test
    void aConfigurationProblemExitsTwoNamingIt() {
        int exit = run(
                root -> {
                    throw new ConfigException(
                            root.configFile(),
                            List.of(new ConfigProblem(
                                    "/tracker/url", 3, "/tracker/url must be an absolute http(s) URL")));
                },
                List.of(doctor()),
                "--config",
                "bad.yaml",
                "doctor");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("config error: bad.yaml:3: /tracker/url must be an absolute http(s) URL");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void withoutAConfigFileItIsAUsageError() {
        int exit = run(PostmortemSyncCommand::loadConfig, List.of(doctor()), "doctor");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no configuration file: pass --config FILE");
    }

    @Test
    void theShippedCommandLoadsTheConfigurationFileAndReportsAMissingOneAsAConfigurationError() {
        StringWriter shippedOut = new StringWriter();
        StringWriter shippedErr = new StringWriter();

        int exit = PostmortemSyncCommand.execute(
                new String[] {"--config", "missing.yaml", "doctor"},
                new PrintWriter(shippedOut, true),
                new PrintWriter(shippedErr, true));

        assertThat(exit).isEqualTo(2);
        assertThat(shippedErr.toString())
                .startsWith("config error: missing.yaml")
                .contains("no such file");
    }
}
