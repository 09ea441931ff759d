package io.postmortemsync.cli;

import io.postmortemsync.daemon.Application;
import io.postmortemsync.daemon.ProductionConnectors;
import io.postmortemsync.sync.PassReport;
import io.postmortemsync.sync.SyncObserver.PassOutcome;
import picocli.CommandLine.Command;

/** {@code plan}: what {@code sync} would do, changing nothing. */
@Command(
        name = "plan",
        description = {
            "Prints what sync would do, and changes nothing: no ticket is created or linked, no document written.",
            "It does read the tracker. Exit 0; 1 when the documents or the tracker could not be read."
        })
final class PlanCommand extends OnePassCommand {

    PlanCommand() {
        this(ProductionConnectors.INSTANCE);
    }

    PlanCommand(Application.Connectors connectors) {
        super(connectors);
    }

    @Override
    PassReport pass(Application app) {
        return app.engine().plan();
    }

    @Override
    int exitCode(PassReport report) {
        // A plan that could not read both sides says nothing reliable: scripts must see that.
        return report.outcome() == PassOutcome.FAILURE
                ? PostmortemSyncCommand.EXIT_FAILED
                : PostmortemSyncCommand.EXIT_OK;
    }
}
