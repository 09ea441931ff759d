package io.postmortemsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.postmortem.Diagnostic;

/** JSON output of the commands: pretty-printed, fields in the order DESIGN.md §4 shows. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private Json() {}

    static String write(Object tree) {
        try {
            return WRITER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** {@code {"file", "line", "severity", "message"}}; a problem of the whole file has line null. */
    static ObjectNode diagnostic(Diagnostic diagnostic) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("file", diagnostic.file());
        if (diagnostic.line() > 0) {
            node.put("line", diagnostic.line());
        } else {
            node.putNull("line");
        }
        node.put("severity", diagnostic.level().id());
        node.put("message", diagnostic.message());
        return node;
    }
}
