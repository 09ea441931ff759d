package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.postmortem.Whitespace;
import io.postmortemsync.postmortem.markdown.ItemPlace.Checkbox;
import io.postmortemsync.postmortem.markdown.ItemPlace.ListEntry;
import io.postmortemsync.postmortem.markdown.ItemPlace.Marker;
import io.postmortemsync.postmortem.markdown.ItemPlace.Span;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Reads one list item as an action item (DESIGN.md §3.3, lists): its text up to the first
 * nested list is the action; checkbox, status marker, owner, due phrase, type tag and ticket are
 * read from it and removed from the action text. Regular expressions here only ever see the
 * text of one item, never the whole document.
 */
final class ListItemReader {

    private static final Pattern DUE = Pattern.compile(
            "\\b(?:due(?:\\s+(?:on|by|date))?\\s*:?|by)\\s+(" + Dates.DATE_LIKE + ")(?![\\w/.-]*\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OWNER_LABEL =
            Pattern.compile("\\b(?:owners?|assignee|assigned to)\\s*:\\s*([^,;()\\[\\]]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w.@/])@[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\[\\]]{1,30})\\]");
    private static final Pattern TYPE_LABEL =
            Pattern.compile("\\(\\s*type\\s*:\\s*([^()]*?)\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_MARKER = Pattern.compile(
            "^(?:\\[([^\\[\\]]{1,20})\\]|\\(([^()]{1,20})\\)|(✅|✔️?|☑️?|🔄|⏳)|(TODO|DONE|WIP)(?=[\\s:.,;-]|$))");
    private static final Pattern TRAILING_MARKER = Pattern.compile(
            "(?:\\[([^\\[\\]]{1,20})\\]|\\(([^()]{1,20})\\)|(✅|✔️?|☑️?|🔄|⏳)|(?<![\\w-])(TODO|DONE|WIP))\\.?$");
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*[,;:\\-–—]*\\s*\\)|\\[\\s*\\]");
    private static final Pattern LEADING_SEPARATORS = Pattern.compile("^[\\s\\-–—,;:|]+");
    private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[\\s\\-–—,;:|]+$");

    private final ReadContext ctx;

    ListItemReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** The item, or null when it is not one (diagnostics say why, when there is a reason). */
    LocatedItem read(ListItem listItem, ItemType headingType) {
        SourceText source = ctx.source();
        int[] itemSpan = InlineText.span(listItem);
        if (itemSpan[0] < 0) {
            return null;
        }
        int line = source.lineNumberAt(itemSpan[0]);
        List<Paragraph> paragraphs = actionParagraphs(listItem);
        if (paragraphs.isEmpty()) {
            if (listItem.getFirstChild() != null) {
                ctx.error(line, "List item has no action text");
            }
            return null;
        }
        int regionStart = InlineText.span(paragraphs.getFirst())[0];
        int regionEnd = InlineText.span(paragraphs.getLast())[1];
        String raw = source.text().substring(regionStart, regionEnd);

        // Plain text of the action paragraphs, links remembered.
        StringBuilder plain = new StringBuilder();
        List<InlineText.LinkRef> links = new ArrayList<>();
        for (Paragraph paragraph : paragraphs) {
            if (!plain.isEmpty()) {
                plain.append(' ');
            }
            InlineText inline = InlineText.of(paragraph);
            int offset = plain.length();
            plain.append(inline.text());
            for (InlineText.LinkRef link : inline.links()) {
                links.add(new InlineText.LinkRef(
                        link.destination(),
                        link.textStart() + offset,
                        link.textEnd() + offset,
                        link.sourceStart(),
                        link.sourceEnd()));
            }
        }

        // Checkbox: "[ ]", "[x]", "[X]" (and "[*]", which people use for done) right after the marker.
        Checkbox checkbox = null;
        boolean[] cut = new boolean[plain.length()];
        if (isCheckbox(raw) && plain.length() >= 3 && plain.substring(0, 3).equals(raw.substring(0, 3))) {
            char mark = raw.charAt(1);
            checkbox = new Checkbox(regionStart, mark != ' ');
            cut(cut, 0, 3);
        }

        // Ticket links to our tracker are cut out of the action.
        String ticket = null;
        Span ticketSpan = null;
        for (InlineText.LinkRef link : links) {
            String key = ctx.tickets().keyOfBrowseUrl(link.destination());
            if (key != null) {
                cut(cut, link.textStart(), link.textEnd());
                if (ticket == null) {
                    ticket = key;
                    ticketSpan = link.sourceStart() >= 0 ? new Span(link.sourceStart(), link.sourceEnd()) : null;
                }
            }
        }
        String text = keep(plain, cut);

        // Bare browse URLs, and bare keys of configured projects.
        Matcher url;
        while ((url = ctx.tickets().findBrowseUrl(text)) != null) {
            if (ticket == null) {
                ticket = url.group(2);
                ticketSpan = find(raw, regionStart, url.group());
            }
            text = text.substring(0, url.start()) + text.substring(url.end());
        }
        if (ctx.tickets().hasProjectKeys()) {
            Matcher key = Tickets.KEY.matcher(text);
            StringBuilder rest = new StringBuilder();
            int from = 0;
            while (key.find()) {
                if (ctx.tickets().isConfiguredProject(key.group())) {
                    if (ticket == null) {
                        ticket = key.group();
                        ticketSpan = findWord(raw, regionStart, key.group());
                    }
                    rest.append(text, from, key.start());
                    from = key.end();
                }
            }
            rest.append(text, from, text.length());
            text = rest.toString();
        }

        List<String> problems = new ArrayList<>();

        // Due date.
        LocalDate dueDate = null;
        Matcher due = DUE.matcher(text);
        if (due.find()) {
            switch (Dates.parse("Due date", due.group(1))) {
                case Dates.Result.Valid valid -> dueDate = valid.date();
                case Dates.Result.Invalid invalid -> problems.add(invalid.problem());
            }
            text = text.substring(0, due.start()) + text.substring(due.end());
        }

        // Owner: "Owner: X", else the first @handle.
        String owner = null;
        Matcher label = OWNER_LABEL.matcher(text);
        if (label.find() && !label.group(1).isBlank()) {
            owner = label.group(1).strip();
            text = text.substring(0, label.start()) + text.substring(label.end());
        } else {
            Matcher handle = HANDLE.matcher(text);
            if (handle.find()) {
                owner = handle.group();
                text = text.substring(0, handle.start()) + text.substring(handle.end());
            }
        }

        // Type: a tag "[detect]" or "(Type: Detect)".
        ItemType type = null;
        Matcher typeLabel = TYPE_LABEL.matcher(text);
        if (typeLabel.find()) {
            Optional<ItemType> named = ItemType.fromText(typeLabel.group(1));
            if (named.isPresent()) {
                type = named.get();
            } else {
                problems.add(typeProblem(typeLabel.group(1)));
            }
            text = text.substring(0, typeLabel.start()) + text.substring(typeLabel.end());
        }
        Matcher tag = BRACKETED.matcher(text);
        while (tag.find()) {
            Optional<ItemType> tagged = ItemType.fromText(tag.group(1));
            if (tagged.isPresent()) {
                if (type == null) {
                    type = tagged.get();
                }
                text = text.substring(0, tag.start()) + text.substring(tag.end());
                tag = BRACKETED.matcher(text);
            }
        }
        text = tidy(text);

        // Status markers, leading or trailing; the first one found decides.
        ItemStatus markerStatus = null;
        Marker marker = null;
        while (true) {
            Matcher m = LEADING_MARKER.matcher(text);
            boolean leading = true;
            ItemStatus found = m.find() ? markerStatus(m) : null;
            if (found == null) {
                m = TRAILING_MARKER.matcher(text);
                leading = false;
                found = m.find() ? markerStatus(m) : null;
            }
            if (found == null) {
                break;
            }
            if (markerStatus == null) {
                markerStatus = found;
                marker = locateMarker(raw, regionStart, m, leading, checkbox != null);
            }
            text = tidy(text.substring(0, m.start()) + text.substring(m.end()));
        }

        String action = Whitespace.collapse(Vocabulary.stripInvisible(text));
        action = tidy(action);
        if (action.isEmpty()) {
            problems.add("List item has no action text");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> ctx.error(line, p));
            return null;
        }
        if (type == null) {
            type = headingType;
        }
        if (type == null) {
            type = ctx.defaultType();
            ctx.warning(line, ctx.missingTypeMessage());
        }
        ItemStatus status;
        if (checkbox != null && checkbox.checked()) {
            status = ItemStatus.COMPLETED;
        } else if (markerStatus != null) {
            status = markerStatus;
        } else {
            status = ItemStatus.NOT_STARTED;
        }

        ActionItem item = new ActionItem(
                line, action, type, owner, dueDate, status, ticket, SyncKey.of(ctx.incidentId(), action));
        int firstLine = source.lineIndexAt(regionStart);
        int ticketAt = source.trimTrailingBlanks(regionStart, Math.min(source.contentEnd(firstLine), regionEnd));
        if (ticketAt < regionEnd
                && ticketAt > regionStart
                && source.text().charAt(ticketAt - 1) == '\\'
                && source.trimTrailingBlanks(regionStart, regionEnd) > source.contentEnd(firstLine)) {
            ticketAt--; // a hard line break "\" stays at the end of the line
        }
        int actionEnd = source.trimTrailingBlanks(regionStart, regionEnd);
        return new LocatedItem(item, new ListEntry(ticketAt, actionEnd, checkbox, marker, ticketSpan));
    }

    /** The paragraphs of an item before its first nested list. */
    private static List<Paragraph> actionParagraphs(ListItem item) {
        List<Paragraph> paragraphs = new ArrayList<>();
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof ListBlock) {
                break;
            }
            if (child instanceof Paragraph p && InlineText.span(p)[0] >= 0) {
                paragraphs.add(p);
            }
        }
        return paragraphs;
    }

    static boolean isCheckbox(String raw) {
        if (raw.length() < 3 || raw.charAt(0) != '[' || raw.charAt(2) != ']') {
            return false;
        }
        char mark = raw.charAt(1);
        if (mark != ' ' && mark != 'x' && mark != 'X' && mark != '*') {
            return false;
        }
        if (raw.length() == 3) {
            return true;
        }
        char next = raw.charAt(3);
        return next == ' ' || next == '\t' || next == '\uFEFF' || next == '\n' || next == '\r';
    }

    private static ItemStatus markerStatus(Matcher m) {
        String word = m.group(1) != null ? m.group(1) : m.group(2);
        if (word != null) {
            return word.isBlank() ? null : ItemStatus.fromText(word).orElse(null);
        }
        String emoji = m.group(3);
        if (emoji != null) {
            return Vocabulary.startsWithDoneEmoji(emoji) ? ItemStatus.COMPLETED : ItemStatus.IN_PROGRESS;
        }
        return switch (m.group(4)) {
            case "DONE" -> ItemStatus.COMPLETED;
            case "WIP" -> ItemStatus.IN_PROGRESS;
            default -> ItemStatus.NOT_STARTED;
        };
    }

    /** Finds the marker text in the source: the first occurrence for a leading one, the last for a trailing one. */
    private static Marker locateMarker(String raw, int regionStart, Matcher m, boolean leading, boolean hasCheckbox) {
        String literal = stripFinalDot(m.group());
        int at = leading ? raw.indexOf(literal, hasCheckbox ? 3 : 0) : raw.lastIndexOf(literal);
        if (at < 0) {
            return null;
        }
        Marker.Style style = m.group(1) != null
                ? Marker.Style.BRACKETS
                : m.group(2) != null
                        ? Marker.Style.PARENTHESES
                        : m.group(3) != null ? Marker.Style.EMOJI : Marker.Style.WORD;
        String word = m.group(1) != null
                ? m.group(1)
                : m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : "";
        boolean upper = !word.isEmpty()
                && word.equals(word.toUpperCase(Locale.ROOT))
                && !word.equals(word.toLowerCase(Locale.ROOT));
        return new Marker(new Span(regionStart + at, regionStart + at + literal.length()), style, upper);
    }

    private static String stripFinalDot(String s) {
        return s.length() > 1 && s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The first occurrence of {@code literal} in the item's source, as a span of the document. */
    private static Span find(String raw, int regionStart, String literal) {
        int at = raw.indexOf(literal);
        return at < 0 ? null : new Span(regionStart + at, regionStart + at + literal.length());
    }

    private static Span findWord(String raw, int regionStart, String key) {
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(key) + "(?![A-Za-z0-9_-])")
                .matcher(raw);
        return m.find() ? new Span(regionStart + m.start(), regionStart + m.end()) : null;
    }

    static String typeProblem(String got) {
        return "Type must be one of: " + ItemType.allowedWords() + " (got \"" + got.strip() + "\")";
    }

    /** Empty brackets left by removed metadata gone, white space collapsed, separators trimmed at both ends. */
    static String tidy(String text) {
        String previous;
        String current = text;
        do {
            previous = current;
            current = EMPTY_BRACKETS.matcher(current).replaceAll(" ");
            current = Whitespace.collapse(current);
            current = LEADING_SEPARATORS.matcher(current).replaceFirst("");
            current = TRAILING_SEPARATORS.matcher(current).replaceFirst("");
        } while (!current.equals(previous));
        return current;
    }

    private static void cut(boolean[] cut, int start, int end) {
        for (int i = Math.max(0, start); i < Math.min(cut.length, end); i++) {
            cut[i] = true;
        }
    }

    private static String keep(CharSequence text, boolean[] cut) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!cut[i]) {
                sb.append(text.charAt(i));
            }
        }
        return sb.toString();
    }
}
