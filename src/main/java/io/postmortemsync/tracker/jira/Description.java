package io.postmortemsync.tracker.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A ticket description as data: paragraphs and bullet lists of text runs and links. It is
 * rendered to ADF for Jira Cloud and to escaped wiki markup for Data Center, so text from a
 * document is always text and can never become markup.
 */
record Description(List<Block> blocks) {

    Description {
        blocks = List.copyOf(blocks);
    }

    sealed interface Block permits Paragraph, Bullets {}

    record Paragraph(List<Inline> content) implements Block {
        Paragraph {
            content = List.copyOf(content);
        }
    }

    record Bullets(List<List<Inline>> items) implements Block {
        Bullets {
            items = items.stream().map(List::copyOf).toList();
        }
    }

    sealed interface Inline permits Text, Link {}

    /** Plain text, optionally bold; never interpreted as markup. */
    record Text(String text, boolean bold) implements Inline {
        Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A web link; {@code url} is an absolute http(s) URL (checked by the builder). */
    record Link(String text, String url) implements Inline {
        Link {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(url, "url");
        }
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private final List<Block> blocks = new ArrayList<>();
        private List<List<Inline>> bullets;

        Builder paragraph(Inline... content) {
            closeBullets();
            blocks.add(new Paragraph(List.of(content)));
            return this;
        }

        /** One bullet: a bold label, then the value runs. */
        Builder bullet(String label, Inline... value) {
            if (bullets == null) {
                bullets = new ArrayList<>();
            }
            List<Inline> item = new ArrayList<>();
            item.add(new Text(label + ": ", true));
            item.addAll(List.of(value));
            bullets.add(item);
            return this;
        }

        Description build() {
            closeBullets();
            return new Description(blocks);
        }

        private void closeBullets() {
            if (bullets != null) {
                blocks.add(new Bullets(bullets));
                bullets = null;
            }
        }
    }
}
