package io.postmortemsync.cli;

import io.postmortemsync.daemon.Application;
import io.postmortemsync.daemon.ProductionConnectors;
import io.postmortemsync.sync.PassReport;
import io.postmortemsync.sync.PassReportFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sync}: one pass, then exit. */
@Command(
        name = "sync",
        description = {
            "Runs one sync pass (create, adopt, link, write back), then exits.",
            "Exit 0 when everything synced; 1 when some item failed or the pass could not complete."
        })
final class SyncCommand implements Callable<Integer> {

    @ParentCommand
    PostmortemSyncCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", converter = ReportFormatOption.class,
            description = "text (default) or json (the pass report of DESIGN.md section 4)")
    PassReportFormat format;

    private final Application.Connectors connectors;

    SyncCommand() {
        this(ProductionConnectors.INSTANCE);
    }

    SyncCommand(Application.Connectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public Integer call() throws Exception {
        PassReport report = OnePass.run(root.loadConfig(), connectors, app -> app.engine().sync(), format, spec.commandLine().getOut());
        return report.hasFailures() ? PostmortemSyncCommand.EXIT_FAILED : PostmortemSyncCommand.EXIT_OK;
    }
}
