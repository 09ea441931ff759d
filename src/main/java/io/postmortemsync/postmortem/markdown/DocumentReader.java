package io.postmortemsync.postmortem.markdown;

import com.fasterxml.jackson.databind.JsonNode;
import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.postmortem.Severity;
import io.postmortemsync.postmortem.Whitespace;
import io.postmortemsync.postmortem.markdown.Vocabulary.Column;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a whole document: bytes to text, front matter, Markdown tree, postmortem fields, the
 * action-items section and its items, with every problem as a diagnostic. Never throws on
 * content; the parse is linear in the document's size.
 */
final class DocumentReader {

    /**
     * Shared and thread-safe. Nesting is capped: real postmortems never nest a few levels deep,
     * while a hostile file nesting thousands of lists would make parsing quadratic.
     */
    private static final Parser MARKDOWN = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .maxOpenBlockParsers(128)
            .build();

    private static final Pattern TITLE_PREFIX =
            Pattern.compile("^(?:incident\\s+)?post-?mortem\\s*[:\\-–—]\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEVERITY_PREFIX =
            Pattern.compile("^((?:p|sev|severity)[\\s\\-_]*[1-4])(?![0-9])", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*[,;]\\s*");

    private final ParseOptions options;
    private final Tickets tickets;

    DocumentReader(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.tickets = new Tickets(options);
    }

    DocumentModel read(String file, byte[] content) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        List<Diagnostic> diagnostics = new ArrayList<>();
        String fileId = Postmortem.idFromFileName(file);
        switch (Decoded.of(content)) {
            case Decoded.Binary ignored -> {
                diagnostics.add(
                        Diagnostic.error(file, 0, "Binary file (it contains NUL bytes), not a Markdown document"));
                return unreadable(file, diagnostics);
            }
            case Decoded.NotUtf8 bad -> {
                diagnostics.add(Diagnostic.error(
                        file,
                        bad.line(),
                        "Not valid UTF-8 text; save the file as UTF-8 (its action items are skipped until then)"));
                return unreadable(file, diagnostics);
            }
            case Decoded.Text text -> {
                return readText(file, fileId, text, diagnostics);
            }
        }
    }

    private DocumentModel readText(String file, String fileId, Decoded.Text decoded, List<Diagnostic> diagnostics) {
        SourceText source = SourceText.of(decoded.text());
        String markdown = decoded.text();
        FrontMatter.Found frontMatter = null;
        boolean itemsTrusted = true;
        switch (FrontMatter.read(source)) {
            case FrontMatter.None ignored -> {}
            case FrontMatter.Found found -> {
                frontMatter = found;
                markdown = FrontMatter.blankOut(source, found.lastLine());
            }
            case FrontMatter.Broken broken -> {
                // The front matter may name the incident id, which every sync key depends on:
                // reading items with a guessed id would create duplicate tickets.
                diagnostics.add(Diagnostic.error(
                        file,
                        broken.line(),
                        broken.message() + "; the document's action items are skipped until it is fixed"));
                itemsTrusted = false;
                if (broken.lastLine() >= 0) {
                    markdown = FrontMatter.blankOut(source, broken.lastLine());
                }
            }
        }
        Node document = MARKDOWN.parse(markdown);
        List<Node> blocks = new ArrayList<>();
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            blocks.add(block);
        }

        SummaryFields summary = readSummary(blocks, source);
        String frontMatterId = frontMatter == null ? null : frontMatter.text("incident", "incidentid", "id");
        String incidentId =
                firstNonNull(frontMatterId, summary.incidentId == null ? null : summary.incidentId.value(), fileId);
        int incidentIdLine = frontMatterId != null
                ? FrontMatter.lineOfKey(source, frontMatter, "incident", "incidentid", "id")
                : summary.incidentId != null ? summary.incidentId.line() : 0;
        String title = firstNonNull(frontMatter == null ? null : frontMatter.text("title"), title(blocks));
        LocalDate date = date(file, frontMatter, summary, diagnostics);
        Severity severity = severity(file, frontMatter, summary, diagnostics);
        List<String> services = services(frontMatter, summary);
        String impact = firstNonNull(
                frontMatter == null ? null : frontMatter.text("customerimpact", "impact"),
                summary.impact == null ? null : summary.impact.value());
        String incidentTicket = firstNonNull(
                frontMatter == null
                        ? null
                        : SummaryFields.ticketKey(frontMatter.text("ticket", "jira", "incidentticket"), tickets),
                summary.ticket == null ? null : summary.ticket.value());

        ReadContext ctx = new ReadContext(file, source, incidentId, tickets, options.defaultType(), diagnostics);
        List<LocatedItem> items = itemsTrusted ? withoutDuplicates(readSection(blocks, ctx), ctx) : List.of();

        List<ActionItem> plain = items.stream().map(LocatedItem::item).toList();
        Postmortem postmortem = new Postmortem(
                file, incidentId, title, date, severity, services, impact, incidentTicket, plain, incidentIdLine);
        ParsedDocument parsed = new ParsedDocument(postmortem, diagnostics);
        return itemsTrusted
                ? new DocumentModel(parsed, decoded, source, items)
                : new DocumentModel(parsed, null, null, List.of());
    }

    private static DocumentModel unreadable(String file, List<Diagnostic> diagnostics) {
        return new DocumentModel(ParsedDocument.unreadable(file, diagnostics), null, null, List.of());
    }

    // ---- the action items section ----

    private List<LocatedItem> readSection(List<Node> blocks, ReadContext ctx) {
        int start = -1;
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Heading h
                    && Vocabulary.isActionSection(InlineText.of(h).text())) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            ctx.warning(
                    0,
                    "No action items section (a heading such as \"## Action Items\"); the document has no action items");
            return List.of();
        }
        Heading heading = (Heading) blocks.get(start);
        int headingLine = ctx.source().lineNumberAt(InlineText.span(heading)[0]);
        List<Node> section = new ArrayList<>();
        for (int i = start + 1; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Heading h && h.getLevel() <= heading.getLevel()) {
                break;
            }
            section.add(blocks.get(i));
        }

        // Tables with an Action column are the items when there are any; lists next to them
        // (a legend of types, notes) are then not items.
        TableReader tableReader = new TableReader(ctx);
        List<LocatedItem> items = new ArrayList<>();
        boolean anyTable = false;
        for (Node block : section) {
            if (block instanceof TableBlock table) {
                Optional<Map<Column, Integer>> columns = TableReader.columns(table);
                if (columns.isPresent()) {
                    anyTable = true;
                    items.addAll(tableReader.read(table, columns.get()));
                } else {
                    ctx.warning(
                            ctx.source().lineNumberAt(InlineText.span(table)[0]),
                            "Table has no Action column (Action, Action Item, Item, Task, Description or Follow-up); it is not read");
                }
            }
        }
        if (anyTable) {
            return items;
        }

        ListItemReader listReader = new ListItemReader(ctx);
        Deque<HeadingType> headingTypes = new ArrayDeque<>();
        boolean anyList = false;
        for (Node block : section) {
            if (block instanceof Heading sub) {
                while (!headingTypes.isEmpty() && headingTypes.peek().level() >= sub.getLevel()) {
                    headingTypes.pop();
                }
                ItemType type = Vocabulary.typeOfHeading(InlineText.of(sub).text());
                headingTypes.push(new HeadingType(sub.getLevel(), type));
            } else if (block instanceof ListBlock list) {
                anyList = true;
                ItemType headingType = headingTypes.stream()
                        .map(HeadingType::type)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
                for (Node child = list.getFirstChild(); child != null; child = child.getNext()) {
                    if (child instanceof ListItem listItem) {
                        LocatedItem item = listReader.read(listItem, headingType);
                        if (item != null) {
                            items.add(item);
                        }
                    }
                }
            }
        }
        if (!anyList) {
            ctx.warning(
                    headingLine,
                    "The \"" + Whitespace.collapse(InlineText.of(heading).text())
                            + "\" section has no table or list of action items");
        }
        return items;
    }

    /** The second item with an action already seen is an error: its sync key would collide. */
    private static List<LocatedItem> withoutDuplicates(List<LocatedItem> items, ReadContext ctx) {
        Map<String, Integer> seen = new HashMap<>();
        List<LocatedItem> kept = new ArrayList<>(items.size());
        for (LocatedItem located : items) {
            Integer first = seen.putIfAbsent(
                    located.item().syncKey().value(), located.item().line());
            if (first != null) {
                ctx.error(
                        located.item().line(),
                        "Duplicate action: the same action as line " + first + " (\""
                                + located.item().action() + "\"); this one is skipped");
            } else {
                kept.add(located);
            }
        }
        return kept;
    }

    // ---- postmortem fields ----

    private SummaryFields readSummary(List<Node> blocks, SourceText source) {
        SummaryFields summary = new SummaryFields();
        int summaryLevel = 0; // > 0 while inside an Incident Summary section
        boolean preamble = true; // before the first heading after the title
        boolean sawTitle = false;
        for (Node block : blocks) {
            if (block instanceof Heading h) {
                String text = InlineText.of(h).text();
                if (summaryLevel > 0 && h.getLevel() <= summaryLevel) {
                    summaryLevel = 0;
                }
                if (h.getLevel() == 1 && !sawTitle) {
                    sawTitle = true;
                } else {
                    preamble = false;
                }
                if (Vocabulary.isSummarySection(text)) {
                    summaryLevel = h.getLevel();
                }
            } else if (block instanceof ListBlock list && (preamble || summaryLevel > 0)) {
                summary.read(list, source, tickets);
            }
        }
        return summary;
    }

    private static String title(List<Node> blocks) {
        for (Node block : blocks) {
            if (block instanceof Heading h && h.getLevel() == 1) {
                String text = Whitespace.collapse(
                        Vocabulary.stripInvisible(InlineText.of(h).text()));
                text = TITLE_PREFIX.matcher(text).replaceFirst("");
                return text.isEmpty() ? null : text;
            }
        }
        return null;
    }

    private static LocalDate date(
            String file, FrontMatter.Found frontMatter, SummaryFields summary, List<Diagnostic> diagnostics) {
        String fromFrontMatter = frontMatter == null ? null : frontMatter.text("date");
        SummaryFields.Field field =
                fromFrontMatter != null ? new SummaryFields.Field(fromFrontMatter, 1) : summary.date;
        if (field == null) {
            return null;
        }
        return switch (Dates.parseLeading("Incident date", field.value())) {
            case Dates.Result.Valid valid -> valid.date();
            case Dates.Result.Invalid invalid -> {
                diagnostics.add(Diagnostic.warning(
                        file, field.line(), invalid.problem() + "; the incident date is left empty"));
                yield null;
            }
        };
    }

    private static Severity severity(
            String file, FrontMatter.Found frontMatter, SummaryFields summary, List<Diagnostic> diagnostics) {
        String fromFrontMatter = frontMatter == null ? null : frontMatter.text("severity", "sev");
        SummaryFields.Field field =
                fromFrontMatter != null ? new SummaryFields.Field(fromFrontMatter, 1) : summary.severity;
        if (field == null) {
            return null;
        }
        Optional<Severity> severity = Severity.fromText(field.value());
        if (severity.isEmpty()) {
            Matcher m = SEVERITY_PREFIX.matcher(field.value().strip());
            if (m.find()) {
                severity = Severity.fromText(m.group(1));
            }
        }
        if (severity.isEmpty()) {
            diagnostics.add(Diagnostic.warning(
                    file,
                    field.line(),
                    "Severity must be P1, P2, P3 or P4 (or SEV1..SEV4), got \"" + field.value()
                            + "\"; the severity is left unknown"));
            return null;
        }
        return severity.get();
    }

    private static List<String> services(FrontMatter.Found frontMatter, SummaryFields summary) {
        if (frontMatter != null) {
            JsonNode node = frontMatter.node("services");
            if (node == null) {
                node = frontMatter.node("service");
            }
            if (node != null && node.isArray()) {
                List<String> services = new ArrayList<>();
                node.forEach(element -> {
                    String name = element.asText().strip();
                    if (!name.isEmpty()) {
                        services.add(name);
                    }
                });
                return services;
            }
            String text = frontMatter.text("services", "service");
            if (text != null) {
                return splitList(text);
            }
        }
        return summary.services == null ? List.of() : splitList(summary.services.value());
    }

    private static List<String> splitList(String text) {
        return Arrays.stream(LIST_SEPARATOR.split(text.strip()))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** An enclosing sub-heading of the action items section, and the item type it names (or null). */
    private record HeadingType(int level, ItemType type) {}
}
