package io.postmortemsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.postmortem.markdown.PostmortemParser;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code items PATH...}: lists action items as an aligned table or as JSON (DESIGN.md §4). */
@Command(
        name = "items",
        mixinStandardHelpOptions = true,
        description = "List the action items of postmortem documents (files, or folders searched for *.md).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:listed (document problems are reported, not fatal)",
            "2:usage error (e.g. a path that does not exist, a bad --today)"
        })
final class ItemsCommand implements Callable<Integer> {

    enum Format {
        TABLE,
        JSON
    }

    /** Where "today" comes from when --today is not given (in sync.timezone when a config is named). */
    Clock clock = Clock.system(ZoneId.systemDefault()); // "today" where the person runs the command

    @Spec
    CommandSpec spec;

    @ParentCommand
    PostmortemSyncCommand parent;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Markdown files or folders.")
    List<String> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    Format format;

    @Option(names = "--overdue", description = "Only items past their due date and not Completed.")
    boolean overdueOnly;

    @Option(
            names = "--today",
            paramLabel = "YYYY-MM-DD",
            converter = IsoDate.class,
            description = "The day that decides what is overdue (default: today).")
    LocalDate today;

    @Override
    public Integer call() {
        DocumentSettings settings = DocumentSettings.of(parent);
        List<ParsedDocument> documents;
        try {
            documents = new DocumentLoader(new PostmortemParser(settings.parseOptions())).load(paths);
        } catch (DocumentLoader.UsageError e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return PostmortemSyncCommand.EXIT_USAGE;
        }
        LocalDate day = today != null ? today : LocalDate.now(clock.withZone(settings.zone()));
        List<Listed> listed = new ArrayList<>();
        for (ParsedDocument document : documents) {
            List<ActionItem> items = document.postmortem().items().stream()
                    .filter(i -> !overdueOnly || i.isOverdue(day))
                    .toList();
            if (!overdueOnly || !items.isEmpty()) {
                listed.add(new Listed(document, items));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.JSON) {
            out.println(Json.write(json(listed, day)));
        } else {
            PrintWriter err = spec.commandLine().getErr();
            documents.forEach(d -> d.diagnostics().forEach(diagnostic -> err.println(diagnostic.format())));
            err.flush();
            new ItemTable(listed, day, overdueOnly).print(out);
        }
        out.flush();
        return PostmortemSyncCommand.EXIT_OK;
    }

    /** A document and the items it shows (all, or the overdue ones). */
    record Listed(ParsedDocument document, List<ActionItem> items) {}

    private static ObjectNode json(List<Listed> listed, LocalDate today) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode postmortems = root.putArray("postmortems");
        for (Listed entry : listed) {
            Postmortem pm = entry.document().postmortem();
            ObjectNode node = postmortems.addObject();
            node.put("file", pm.file());
            node.put("incidentId", pm.incidentId());
            node.put("title", pm.title());
            node.put("date", pm.date() == null ? null : pm.date().toString());
            node.put("severity", pm.severity() == null ? null : pm.severity().name());
            ArrayNode services = node.putArray("services");
            pm.services().forEach(services::add);
            node.put("incidentTicket", pm.incidentTicket());
            ArrayNode items = node.putArray("items");
            for (ActionItem item : entry.items()) {
                ObjectNode i = items.addObject();
                i.put("line", item.line());
                i.put("action", item.action());
                i.put("type", item.type().id());
                i.put("owner", item.owner());
                i.put("dueDate", item.dueDate() == null ? null : item.dueDate().toString());
                i.put("status", item.status().text());
                i.put("ticket", item.ticket());
                i.put("syncKey", item.syncKey().value());
                i.put("overdue", item.isOverdue(today));
            }
            ArrayNode errors = node.putArray("errors");
            for (Diagnostic diagnostic : entry.document().diagnostics()) {
                errors.add(Json.diagnostic(diagnostic));
            }
        }
        return root;
    }

    /** Reads {@code YYYY-MM-DD}, with a message that says so. */
    static final class IsoDate implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a date like 2026-11-26 (YYYY-MM-DD)");
            }
        }
    }
}
