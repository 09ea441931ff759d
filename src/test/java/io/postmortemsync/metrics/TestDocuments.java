package io.postmortemsync.metrics;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.postmortem.Severity;
import io.postmortemsync.postmortem.SyncKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds parsed documents directly, the way the parser would hand them to the sync engine. */
public final class TestDocuments {

    private TestDocuments() {}

    /** A postmortem document; its incident id is its file name. */
    public static ParsedDocument document(
            String file, Severity severity, List<String> services, List<Item> items, Diagnostic... diagnostics) {
        List<ActionItem> actionItems = new ArrayList<>();
        int line = 20;
        for (Item item : items) {
            actionItems.add(new ActionItem(
                    line++,
                    item.action(),
                    item.type(),
                    "@owner",
                    item.due(),
                    item.status(),
                    null,
                    SyncKey.of(file, item.action())));
        }
        Postmortem postmortem = new Postmortem(
                file, file, "Incident " + file, LocalDate.of(2025, 4, 10), severity, services, null, null, actionItems);
        return new ParsedDocument(postmortem, List.of(diagnostics));
    }

    public static Item item(String action, ItemType type, ItemStatus status, LocalDate due) {
        return new Item(action, type, status, due);
    }

    /** What a test says about an item; the rest (owner, line, sync key) is filled in. */
    public record Item(String action, ItemType type, ItemStatus status, LocalDate due) {}
}
