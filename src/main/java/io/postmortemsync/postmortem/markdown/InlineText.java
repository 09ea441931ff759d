package io.postmortemsync.postmortem.markdown;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;

/**
 * The plain text of inline Markdown: emphasis and code marks removed, links replaced by their
 * text, line breaks by spaces, images and inline HTML dropped. Each link is remembered with its
 * place in the plain text and in the source, so ticket links can be cut out of an action and
 * replaced in the document. The walk uses an explicit stack: hostile nesting cannot overflow it.
 */
record InlineText(String text, List<LinkRef> links) {

    /**
     * A link: its target, where its text sits in {@link #text}, and where the whole link sits in
     * the source (-1 when the parser gave no position).
     */
    record LinkRef(String destination, int textStart, int textEnd, int sourceStart, int sourceEnd) {}

    private record LinkEnd(Link link, int textStart) {}

    /** The plain text of the inline children of {@code block} (a paragraph, heading or table cell). */
    static InlineText of(Node block) {
        StringBuilder sb = new StringBuilder();
        List<LinkRef> links = new ArrayList<>();
        Deque<Object> stack = new ArrayDeque<>();
        pushChildren(stack, block);
        while (!stack.isEmpty()) {
            Object next = stack.pop();
            if (next instanceof LinkEnd end) {
                int[] span = span(end.link());
                links.add(new LinkRef(end.link().getDestination(), end.textStart(), sb.length(), span[0], span[1]));
                continue;
            }
            Node node = (Node) next;
            switch (node) {
                case Text t -> sb.append(t.getLiteral());
                case Code c -> sb.append(c.getLiteral());
                case SoftLineBreak ignored -> sb.append(' ');
                case HardLineBreak ignored -> sb.append(' ');
                case HtmlInline ignored -> sb.append(' ');
                case Image ignored -> {}
                case Link link -> {
                    stack.push(new LinkEnd(link, sb.length()));
                    pushChildren(stack, link);
                }
                default -> pushChildren(stack, node);
            }
        }
        return new InlineText(sb.toString(), List.copyOf(links));
    }

    private static void pushChildren(Deque<Object> stack, Node parent) {
        for (Node child = parent.getLastChild(); child != null; child = child.getPrevious()) {
            stack.push(child);
        }
    }

    /** Start and end offsets of a node in the source, or {-1, -1}. */
    static int[] span(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans.isEmpty()) {
            return new int[] {-1, -1};
        }
        SourceSpan first = spans.getFirst();
        SourceSpan last = spans.getLast();
        return new int[] {first.getInputIndex(), last.getInputIndex() + last.getLength()};
    }
}
