package io.postmortemsync.cli;

import io.postmortemsync.Version;
import io.postmortemsync.config.Config;
import io.postmortemsync.config.ConfigException;
import io.postmortemsync.config.ConfigLoader;
import io.postmortemsync.config.ConfigProblem;
import io.postmortemsync.config.LoggingConfig;
import io.postmortemsync.logging.LoggingSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The top-level command. Exit codes (DESIGN.md §4): 0 success, 1 the command's own failure
 * (an item failed, a document is invalid, a doctor check failed), 2 usage or configuration error.
 *
 * <p>Subcommands that need the configuration declare {@code @ParentCommand PostmortemSyncCommand
 * root;} and call {@link #loadConfig()}; a missing or invalid configuration then ends the program
 * with exit code 2 and one {@code config error:} line per problem, never a stack trace.
 */
@Command(
        name = "postmortem-sync",
        mixinStandardHelpOptions = true,
        versionProvider = PostmortemSyncCommand.VersionProvider.class,
        description = "Turns postmortem action items into Jira tickets and mirrors their status back.",
        subcommands = {
            RunCommand.class,
            SyncCommand.class,
            PlanCommand.class,
            ValidateCommand.class,
            ItemsCommand.class,
            DoctorCommand.class
        })
public final class PostmortemSyncCommand implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** Names the configuration file when --config is not given (handy in containers). */
    public static final String CONFIG_ENV = "POSTMORTEM_SYNC_CONFIG";

    private final Map<String, String> env;
    private final Consumer<LoggingConfig> loggingSetup;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (YAML). Default: the file named by $" + CONFIG_ENV + ".",
            scope = CommandLine.ScopeType.INHERIT)
    Path config;

    public PostmortemSyncCommand() {
        this(System.getenv(), LoggingSetup::apply);
    }

    /** For tests: a chosen environment, and what to do with the logging settings. */
    PostmortemSyncCommand(Map<String, String> env, Consumer<LoggingConfig> loggingSetup) {
        this.env = Map.copyOf(env);
        this.loggingSetup = Objects.requireNonNull(loggingSetup, "loggingSetup");
    }

    /** The configuration file given with --config, else the one named by $POSTMORTEM_SYNC_CONFIG, else null. */
    public Path configFile() {
        if (config != null) {
            return config;
        }
        String fromEnv = env.get(CONFIG_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }

    /**
     * Loads and validates the configuration file, and applies its {@code logging} settings.
     *
     * @throws UsageException when no configuration file is named (exit 2)
     * @throws ConfigException when the file is missing or invalid (exit 2, every problem printed)
     */
    public Config loadConfig() {
        Path file = configFile();
        if (file == null) {
            throw new UsageException("no configuration file: pass --config FILE (or set " + CONFIG_ENV + ")");
        }
        Config loaded = ConfigLoader.load(file, env);
        loggingSetup.accept(loaded.logging());
        return loaded;
    }

    /** Without a command: a usage error that lists the commands (exit 2). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "no command given: pick one of the commands below");
    }

    /** Runs the command line and returns the exit code; never throws, never prints a stack trace. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(new PostmortemSyncCommand(), out, err).execute(args);
    }

    /**
     * The configured command line. Tests pass extra subcommands here: picocli applies streams and
     * handlers only to the subcommands present when they are set.
     */
    static CommandLine commandLine(
            PostmortemSyncCommand root, PrintWriter out, PrintWriter err, Object... extraSubcommands) {
        return commandLine(root, CommandLine.defaultFactory(), out, err, extraSubcommands);
    }

    /** As above, with a factory that lets tests build subcommands with test collaborators. */
    static CommandLine commandLine(
            PostmortemSyncCommand root,
            CommandLine.IFactory factory,
            PrintWriter out,
            PrintWriter err,
            Object... extraSubcommands) {
        CommandLine cli = new CommandLine(root, factory);
        for (Object subcommand : extraSubcommands) {
            cli.addSubcommand(subcommand);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --format json, --format JSON
        cli.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter stderr = commandLine.getErr();
            switch (e) {
                case ConfigException invalid -> {
                    for (ConfigProblem problem : invalid.problems()) {
                        stderr.println("config error: " + invalid.location(problem) + ": " + problem.message());
                    }
                    stderr.flush();
                    return EXIT_USAGE;
                }
                case UsageException usage -> {
                    stderr.println("error: " + usage.getMessage());
                    stderr.println("Try 'postmortem-sync --help' for more information.");
                    stderr.flush();
                    return EXIT_USAGE;
                }
                default -> {
                    // A bug must not show users a stack trace: one line saying what failed, details at debug.
                    stderr.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    stderr.flush();
                    org.slf4j.LoggerFactory.getLogger(PostmortemSyncCommand.class)
                            .debug("command failed", e);
                    return EXIT_FAILED;
                }
            }
        });
        return cli;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"postmortem-sync " + Version.get()};
        }
    }
}
