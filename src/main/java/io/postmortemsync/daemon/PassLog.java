package io.postmortemsync.daemon;

import io.postmortemsync.sync.PassReport;
import io.postmortemsync.sync.PassReportFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs a pass from its {@link PassReport}, the same value {@code sync --format json} prints: one
 * line per action and per problem, then a summary, each with its fields as key-value pairs (which
 * {@code logging.format: json} turns into JSON fields).
 */
public final class PassLog {

    private static final Logger log = LoggerFactory.getLogger("io.postmortemsync.sync.pass");

    private PassLog() {}

    public static void log(PassReport report) {
        for (PassReport.Action a : report.actions()) {
            log.atInfo()
                    .addKeyValue("op", a.op().id())
                    .addKeyValue("file", a.file())
                    .addKeyValue("line", a.line())
                    .addKeyValue("syncKey", a.syncKey())
                    .addKeyValue("ticket", a.ticket())
                    .log("{} {}:{} {}", a.op().id(), a.file(), a.line(), a.detail());
        }
        for (PassReport.Problem p : report.errors()) {
            log.atLevel(p.isError() ? Level.WARN : Level.INFO)
                    .addKeyValue("file", p.file())
                    .addKeyValue("line", p.line())
                    .addKeyValue("severity", p.severity().id())
                    .log(p.format());
        }
        PassReport.Summary s = report.summary();
        Level level = switch (report.outcome()) {
            case SUCCESS -> Level.INFO;
            case PARTIAL -> Level.WARN;
            case FAILURE -> Level.ERROR;
        };
        log.atLevel(level)
                .addKeyValue("outcome", report.outcome().label())
                .addKeyValue("kind", report.kind().id())
                .addKeyValue("documents", report.documents())
                .addKeyValue("items", report.items())
                .addKeyValue("created", s.created())
                .addKeyValue("adopted", s.adopted())
                .addKeyValue("linked", s.linked())
                .addKeyValue("writtenBack", s.writtenBack())
                .addKeyValue("unchanged", s.unchanged())
                .addKeyValue("failed", s.failed())
                .addKeyValue("durationMs", report.duration().toMillis())
                .log(
                        "{} in {} ms",
                        PassReportFormat.summaryLine(report),
                        report.duration().toMillis());
    }
}
