package io.postmortemsync.cli;

import io.postmortemsync.daemon.Application;
import io.postmortemsync.daemon.ProductionConnectors;
import io.postmortemsync.sync.PassReport;
import io.postmortemsync.sync.PassReportFormat;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code plan}: what {@code sync} would do, changing nothing. */
@Command(
        name = "plan",
        description = {
            "Prints what sync would do, and changes nothing: no ticket is created or linked, no document written.",
            "It does read the tracker. Exit 0; 1 when the documents or the tracker could not be read."
        })
final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    PostmortemSyncCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", converter = ReportFormatOption.class,
            description = "text (default) or json (the pass report of DESIGN.md section 4)")
    PassReportFormat format;

    private final Application.Connectors connectors;

    PlanCommand() {
        this(ProductionConnectors.INSTANCE);
    }

    PlanCommand(Application.Connectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public Integer call() throws Exception {
        PassReport report = OnePass.run(root.loadConfig(), connectors, app -> app.engine().plan(), format, spec.commandLine().getOut());
        // A plan that could not read both sides says nothing reliable: scripts must see that.
        return report.outcome() == PassOutcome.FAILURE ? PostmortemSyncCommand.EXIT_FAILED : PostmortemSyncCommand.EXIT_OK;
    }
}
