package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ItemType;
import java.util.List;

/**
 * What item readers need from the document being read.
 *
 * @param file the document as shown to users
 * @param source the text, with line index
 * @param incidentId the incident the items belong to (part of their sync keys)
 * @param tickets what counts as a ticket
 * @param defaultType the type of items that name none
 * @param diagnostics where problems are collected
 */
record ReadContext(
        String file,
        SourceText source,
        String incidentId,
        Tickets tickets,
        ItemType defaultType,
        List<Diagnostic> diagnostics) {

    void error(int line, String message) {
        diagnostics.add(Diagnostic.error(file, line, message));
    }

    void warning(int line, String message) {
        diagnostics.add(Diagnostic.warning(file, line, message));
    }

    String missingTypeMessage() {
        return "No type given; using " + defaultType.id() + " (write Prevent, Detect or Respond)";
    }
}
