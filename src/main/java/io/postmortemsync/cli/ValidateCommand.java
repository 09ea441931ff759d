package io.postmortemsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.markdown.PostmortemParser;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code validate PATH...}: checks documents; exit 0 when none has an error, 1 otherwise. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check postmortem documents (files, or folders searched for *.md) and list every problem.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no document has an error (warnings are fine)",
            "1:a document has an error",
            "2:usage error (e.g. a path that does not exist)"
        })
final class ValidateCommand implements Callable<Integer> {

    enum Format {
        TEXT,
        JSON
    }

    @Spec
    CommandSpec spec;

    @ParentCommand
    PostmortemSyncCommand parent;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Markdown files or folders.")
    List<String> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ParsedDocument> documents;
        try {
            documents = new DocumentLoader(
                            new PostmortemParser(DocumentSettings.of(parent).parseOptions()))
                    .load(paths);
        } catch (DocumentLoader.UsageError e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return PostmortemSyncCommand.EXIT_USAGE;
        }
        List<Diagnostic> diagnostics =
                documents.stream().flatMap(d -> d.diagnostics().stream()).toList();
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        if (format == Format.JSON) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("files", documents.size());
            root.put("errors", errors);
            root.put("warnings", warnings);
            ArrayNode list = root.putArray("diagnostics");
            diagnostics.forEach(d -> list.add(Json.diagnostic(d)));
            out.println(Json.write(root));
        } else {
            diagnostics.forEach(d -> out.println(d.format()));
            out.println(documents.size() + (documents.size() == 1 ? " file" : " files") + " checked: " + errors
                    + (errors == 1 ? " error" : " errors") + ", " + warnings
                    + (warnings == 1 ? " warning" : " warnings"));
        }
        out.flush();
        return errors > 0 ? PostmortemSyncCommand.EXIT_FAILED : PostmortemSyncCommand.EXIT_OK;
    }
}
