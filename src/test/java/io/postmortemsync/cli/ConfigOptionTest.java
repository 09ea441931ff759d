package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.config.Config;
import io.postmortemsync.config.LoggingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** --config, $POSTMORTEM_SYNC_CONFIG and how configuration errors reach the user (exit 2). */
class ConfigOptionTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<LoggingConfig> appliedLogging = new ArrayList<>();

    /** A command that needs the configuration, as run, sync, plan and doctor do. */
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @ParentCommand
        PostmortemSyncCommand root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Config config = root.loadConfig();
            spec.commandLine().getOut().println("interval " + config.sync().interval());
            return PostmortemSyncCommand.EXIT_OK;
        }
    }

    private int run(Map<String, String> env, String... args) {
        PostmortemSyncCommand root = new PostmortemSyncCommand(env, appliedLogging::add);
        return PostmortemSyncCommand.commandLine(
                        root, new PrintWriter(out, true), new PrintWriter(err, true), new Probe())
                .execute(args);
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    @Test
    void aValidConfigurationIsLoadedAndItsLoggingApplied() throws IOException {
        Path file = config("sync: {interval: 2m}\nlogging: {format: json}\n");
        assertThat(run(Map.of(), "--config", file.toString(), "probe")).isZero();
        assertThat(out.toString()).isEqualTo("interval PT2M\n");
        assertThat(err.toString()).isEmpty();
        assertThat(appliedLogging).containsExactly(new LoggingConfig(LoggingConfig.Format.JSON, "info"));
    }

    @Test
    void theOptionMayFollowTheCommand() throws IOException {
        Path file = config("sync: {interval: 3m}\n");
        assertThat(run(Map.of(), "probe", "--config", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo("interval PT3M\n");
    }

    @Test
    void anInvalidConfigurationPrintsEveryProblemAndExits2() throws IOException {
        Path file = config("""
                sync:
                  interval: 5 minutes
                tracker:
                  typos: {}
                """);
        assertThat(run(Map.of(), "--config", file.toString(), "probe")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .isEqualTo(
                        "config error: " + file
                                + ":2: /sync/interval must be a duration like 30s, 5m or 1h (got \"5 minutes\")\n"
                                + "config error: " + file
                                + ":4: /tracker/typos is not a known key (did you mean types?)\n"
                                // typos made the section a jira tracker: these follow from it, and say so
                                + "config error: " + file
                                + ":4: /tracker/url is required when /tracker/type is jira, e.g. https://acme.atlassian.net\n"
                                + "config error: " + file
                                + ":4: /tracker/auth is required when /tracker/type is jira: email + apiToken for Jira Cloud, or token for Data Center\n"
                                + "config error: " + file
                                + ":4: /tracker/project is required when /tracker/type is jira, unless every type names its own project (/tracker/types/<type>/project is missing for: prevent, detect, respond)\n");
        assertThat(appliedLogging).isEmpty();
    }

    @Test
    void aMissingFileIsAConfigurationError() {
        Path file = dir.resolve("absent.yaml");
        assertThat(run(Map.of(), "--config", file.toString(), "probe")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("config error: " + file + ": cannot be read (no such file)\n");
    }

    @Test
    void noConfigurationFileAtAllIsAUsageError() {
        assertThat(run(Map.of(), "probe")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("""
                           error: no configuration file: pass --config FILE (or set POSTMORTEM_SYNC_CONFIG)
                           Try 'postmortem-sync --help' for more information.
                           """);
    }

    @Test
    void theEnvironmentMayNameTheFileAndTheOptionWins() throws IOException {
        Path fromEnv = config("sync: {interval: 7m}\n");
        Path fromOption = Files.writeString(dir.resolve("other.yaml"), "sync: {interval: 9m}\n");
        assertThat(run(Map.of("POSTMORTEM_SYNC_CONFIG", fromEnv.toString()), "probe"))
                .isZero();
        assertThat(run(
                        Map.of("POSTMORTEM_SYNC_CONFIG", fromEnv.toString()),
                        "--config",
                        fromOption.toString(),
                        "probe"))
                .isZero();
        assertThat(out.toString()).isEqualTo("interval PT7M\ninterval PT9M\n");
    }

    @Test
    void theEnvironmentOfTheCommandIsTheOneInterpolated() throws IOException {
        Path file = config("sync: {interval: \"${PMS_INTERVAL}\"}\n");
        assertThat(run(Map.of("PMS_INTERVAL", "11m"), "--config", file.toString(), "probe"))
                .isZero();
        assertThat(out.toString()).isEqualTo("interval PT11M\n");
    }

    @Test
    void noCommandAtAllShowsTheUsageAndExits2() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("no command given: pick one of the commands below\n")
                .contains("Usage: postmortem-sync [-hV] [--config=FILE] [COMMAND]", "probe");
    }

    @Test
    void aBugInACommandIsOneLineAndExit1NotAStackTrace() {
        @Command(name = "broken")
        final class Broken implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new IllegalStateException("oops");
            }
        }
        PostmortemSyncCommand root = new PostmortemSyncCommand(Map.of(), appliedLogging::add);
        CommandLine cli = PostmortemSyncCommand.commandLine(
                root, new PrintWriter(out, true), new PrintWriter(err, true), new Broken());
        assertThat(cli.execute("broken")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: IllegalStateException: oops\n");
    }
}
