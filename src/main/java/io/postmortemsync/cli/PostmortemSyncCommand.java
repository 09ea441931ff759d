package io.postmortemsync.cli;

import io.postmortemsync.Version;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The top-level command. Exit codes (DESIGN.md §4): 0 success, 1 the command's own failure
 * (an item failed, a document is invalid, a doctor check failed), 2 usage or configuration error.
 */
@Command(
        name = "postmortem-sync",
        mixinStandardHelpOptions = true,
        versionProvider = PostmortemSyncCommand.VersionProvider.class,
        description = "Turns postmortem action items into Jira tickets and mirrors their status back.",
        subcommands = {DoctorCommand.class})
public final class PostmortemSyncCommand {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (YAML).", scope = CommandLine.ScopeType.INHERIT)
    Path config;

    /** The configuration file given with --config, or null. */
    public Path configFile() {
        return config;
    }

    /** Runs the command line and returns the exit code; never throws, never prints a stack trace. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new PostmortemSyncCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A bug must not show users a stack trace: one line saying what failed, details at debug.
            commandLine.getErr().println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(PostmortemSyncCommand.class).debug("command failed", e);
            return EXIT_FAILED;
        });
        return cli.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"postmortem-sync " + Version.get()};
        }
    }
}
