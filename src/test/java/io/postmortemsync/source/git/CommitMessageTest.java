package io.postmortemsync.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommitMessageTest {

    static PendingEdit edit(String path, boolean changed, String... lines) {
        return new PendingEdit(path, current -> current, List.of(lines), changed);
    }

    @Test
    void listsEveryChangeWithTheDocumentsPathInTheRepository() {
        String message = CommitMessage.of(
                List.of(
                        edit("a.md", true, "OPS-1: ticket added", "OPS-1: Not Started -> In Progress"),
                        edit("b.md", true, "OPS-2: ticket added")),
                p -> "postmortems/" + p,
                Set.of("postmortems/a.md", "postmortems/b.md"));

        assertThat(message).isEqualTo("""
                postmortem-sync: write back 3 changes to 2 postmortems

                OPS-1: ticket added (postmortems/a.md)
                OPS-1: Not Started -> In Progress (postmortems/a.md)
                OPS-2: ticket added (postmortems/b.md)
                """);
    }

    @Test
    void leavesOutEditsThatChangedNothingAndKeepsEachChangeOnOneLine() {
        String message = CommitMessage.of(
                List.of(
                        edit("a.md", false, "OPS-1: In Progress -> In Progress"),
                        edit("b.md", true, "OPS-2: To Do\r\nIn Review -> Completed"),
                        edit("c.md", true),
                        edit("d.md", true, "OPS-4: cancelled out")),
                p -> p,
                Set.of("a.md", "b.md", "c.md"));

        assertThat(message).isEqualTo("""
                postmortem-sync: write back 2 changes to 2 postmortems

                OPS-2: To Do In Review -> Completed (b.md)
                updated (c.md)
                """);
    }
}
