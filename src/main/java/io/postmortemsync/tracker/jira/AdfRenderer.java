package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Renders a {@link Description} as Atlassian Document Format (Jira Cloud, REST v3). ADF is a JSON
 * tree, so document text only ever lands in {@code text} nodes. ADF refuses empty text nodes, so
 * empty runs are left out.
 */
final class AdfRenderer {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AdfRenderer() {}

    static ObjectNode render(Description description) {
        ObjectNode doc = F.objectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (Description.Block block : description.blocks()) {
            switch (block) {
                case Description.Paragraph p -> content.add(paragraph(p.content()));
                case Description.Bullets b -> {
                    ObjectNode list = F.objectNode().put("type", "bulletList");
                    ArrayNode items = list.putArray("content");
                    for (List<Description.Inline> item : b.items()) {
                        ObjectNode li = F.objectNode().put("type", "listItem");
                        li.putArray("content").add(paragraph(item));
                        items.add(li);
                    }
                    content.add(list);
                }
            }
        }
        return doc;
    }

    private static ObjectNode paragraph(List<Description.Inline> inlines) {
        ObjectNode p = F.objectNode().put("type", "paragraph");
        ArrayNode content = p.putArray("content");
        for (Description.Inline inline : inlines) {
            switch (inline) {
                case Description.Text t -> {
                    if (!t.text().isEmpty()) {
                        ObjectNode text = text(t.text());
                        if (t.bold()) {
                            text.putArray("marks").addObject().put("type", "strong");
                        }
                        content.add(text);
                    }
                }
                case Description.Link l -> {
                    ObjectNode text = text(l.text().isEmpty() ? l.url() : l.text());
                    ObjectNode mark = text.putArray("marks").addObject().put("type", "link");
                    mark.putObject("attrs").put("href", l.url());
                    content.add(text);
                }
            }
        }
        return p;
    }

    private static ObjectNode text(String value) {
        return F.objectNode().put("type", "text").put("text", value);
    }
}
