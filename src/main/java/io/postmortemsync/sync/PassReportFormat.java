package io.postmortemsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The two ways {@code plan} and {@code sync} print a {@link PassReport}. */
public enum PassReportFormat {

    /** For people: one line per action, problems in the {@code file:line: level: message} form, a summary. */
    TEXT {
        @Override
        public String render(PassReport report) {
            StringBuilder out = new StringBuilder();
            int fileWidth = 0;
            for (PassReport.Action a : report.actions()) {
                fileWidth = Math.max(fileWidth, (a.file() + ":" + a.line()).length());
            }
            for (PassReport.Action a : report.actions()) {
                out.append(String.format(
                        "%-10s %-" + fileWidth + "s  %-10s %s%n",
                        a.op().id(),
                        a.file() + ":" + a.line(),
                        a.ticket() == null ? "-" : a.ticket(),
                        a.detail()));
            }
            for (PassReport.Problem p : report.errors()) {
                out.append(p.format()).append(System.lineSeparator());
            }
            out.append(summaryLine(report)).append(System.lineSeparator());
            return out.toString();
        }
    },

    /** The JSON of DESIGN.md §4: {@code actions}, {@code summary}, {@code errors}. */
    JSON {
        @Override
        public String render(PassReport report) {
            try {
                return MAPPER.writeValueAsString(tree(report)) + System.lineSeparator();
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public abstract String render(PassReport report);

    /** One line that says what a pass did, for the end of the text output and for logs. */
    public static String summaryLine(PassReport report) {
        PassReport.Summary s = report.summary();
        boolean plan = report.mode() == PassReport.Mode.PLAN;
        String counts = plan
                ? String.format(
                        "%d to create, %d to adopt, %d to link, %d to write back, %d unchanged, %d failed",
                        s.created(), s.adopted(), s.linked(), s.writtenBack(), s.unchanged(), s.failed())
                : String.format(
                        "%d created, %d adopted, %d linked, %d written back, %d unchanged, %d failed",
                        s.created(), s.adopted(), s.linked(), s.writtenBack(), s.unchanged(), s.failed());
        String kind = switch (report.kind()) {
            case FULL -> "full pass";
            case INCREMENTAL -> "incremental pass";
            case OFFLINE -> "offline, no tracker calls";
            case NONE -> "stopped early";
        };
        return (plan ? "plan: " : "sync " + report.outcome().label() + ": ") + counts + " (" + kind + ", "
                + report.documents() + " documents, " + report.items() + " items)";
    }

    static ObjectNode tree(PassReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode actions = root.putArray("actions");
        for (PassReport.Action a : report.actions()) {
            ObjectNode n = actions.addObject();
            n.put("op", a.op().id());
            n.put("file", a.file());
            n.put("line", a.line());
            n.put("syncKey", a.syncKey());
            n.put("ticket", a.ticket());
            n.put("detail", a.detail());
        }
        PassReport.Summary s = report.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("created", s.created());
        summary.put("adopted", s.adopted());
        summary.put("linked", s.linked());
        summary.put("writtenBack", s.writtenBack());
        summary.put("unchanged", s.unchanged());
        summary.put("failed", s.failed());
        ArrayNode errors = root.putArray("errors");
        for (PassReport.Problem p : report.errors()) {
            ObjectNode n = errors.addObject();
            n.put("file", p.file());
            if (p.line() > 0) {
                n.put("line", p.line());
            } else {
                n.putNull("line"); // a problem of the whole file or pass, as validate writes it
            }
            n.put("severity", p.severity().id());
            n.put("message", p.message());
        }
        return root;
    }
}
