package io.postmortemsync.cli;

import io.postmortemsync.daemon.Application;
import io.postmortemsync.sync.PassReport;
import io.postmortemsync.sync.PassReportFormat;
import io.postmortemsync.sync.SyncObserver;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code plan} and {@code sync} share: load the configuration, open the application, run
 * one pass, print its report in the chosen format. They differ only in the pass and the exit code.
 */
abstract sealed class OnePassCommand implements Callable<Integer> permits PlanCommand, SyncCommand {

    @ParentCommand
    PostmortemSyncCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--format",
            paramLabel = "text|json",
            defaultValue = "text",
            converter = ReportFormatOption.class,
            description = "text (default) or json (the pass report of DESIGN.md section 4)")
    PassReportFormat format;

    private final Application.Connectors connectors;

    OnePassCommand(Application.Connectors connectors) {
        this.connectors = connectors;
    }

    /** The pass to run: a plan or a real sync. */
    abstract PassReport pass(Application app);

    /** The exit code this command gives for the pass's report. */
    abstract int exitCode(PassReport report);

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = Application.open(
                root.loadConfig(), connectors, SyncObserver.NONE, TrackerRequestObserver.NONE, Clock.systemUTC())) {
            PassReport report = pass(app);
            out.print(format.render(report));
            out.flush();
            return exitCode(report);
        }
    }
}
