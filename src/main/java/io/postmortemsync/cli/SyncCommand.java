package io.postmortemsync.cli;

import io.postmortemsync.daemon.Application;
import io.postmortemsync.daemon.ProductionConnectors;
import io.postmortemsync.sync.PassReport;
import picocli.CommandLine.Command;

/** {@code sync}: one pass, then exit. */
@Command(
        name = "sync",
        description = {
            "Runs one sync pass (create, adopt, link, write back), then exits.",
            "Exit 0 when everything synced; 1 when some item failed or the pass could not complete."
        })
final class SyncCommand extends OnePassCommand {

    SyncCommand() {
        this(ProductionConnectors.INSTANCE);
    }

    SyncCommand(Application.Connectors connectors) {
        super(connectors);
    }

    @Override
    PassReport pass(Application app) {
        return app.engine().sync();
    }

    @Override
    int exitCode(PassReport report) {
        return report.hasFailures() ? PostmortemSyncCommand.EXIT_FAILED : PostmortemSyncCommand.EXIT_OK;
    }
}
