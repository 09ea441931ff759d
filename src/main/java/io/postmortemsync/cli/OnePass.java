package io.postmortemsync.cli;

import io.postmortemsync.config.Config;
import io.postmortemsync.daemon.Application;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.sync.PassReport;
import io.postmortemsync.sync.PassReportFormat;
import io.postmortemsync.sync.SyncObserver;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;

/** What {@code plan} and {@code sync} share: load, open, one pass, print the report. */
final class OnePass {

    private OnePass() {}

    static PassReport run(Config config, Application.Connectors connectors, Function<Application, PassReport> pass,
            PassReportFormat format, PrintWriter out) throws SourceException, TrackerException {
        try (Application app = Application.open(config, connectors, SyncObserver.NONE, TrackerRequestObserver.NONE, Clock.systemUTC())) {
            PassReport report = pass.apply(app);
            out.print(format.render(report));
            out.flush();
            return report;
        }
    }
}
