package io.postmortemsync.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.TicketStatus;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IssueParserTest {

    @Test
    void readsJirasOwnTimeFormatAndBothLinkDirections() throws Exception {
        JsonNode issue = JiraHttp.JSON.readTree("""
                {"id":"10042","key":"OPS-7","fields":{
                  "summary":"Cap the pool","labels":["postmortem-sync","pmsync-3f9a0c4be21d"],
                  "status":{"name":"Won't Do","statusCategory":{"key":"done"}},"resolution":{"name":"Won't Do"},
                  "duedate":"2025-04-15","assignee":{"accountId":"5b10ac8d82e05b22cc7d4ef5","displayName":"Alice"},
                  "updated":"2025-04-16T10:32:00.123+0200",
                  "issuelinks":[{"type":{"name":"Relates"},"outwardIssue":{"key":"OPS-42"}},{"type":{"name":"Blocks"},"inwardIssue":{"key":"OPS-1"}}]}}
                """);

        Ticket t = IssueParser.parse(issue, "accountId");

        assertThat(t.key()).isEqualTo("OPS-7");
        assertThat(t.status()).isEqualTo(new TicketStatus("Won't Do", TicketStatus.Category.DONE, "Won't Do"));
        assertThat(t.syncKey()).isEqualTo(new SyncKey("3f9a0c4be21d"));
        assertThat(t.dueDate()).isEqualTo(LocalDate.parse("2025-04-15"));
        assertThat(t.assignee()).isEqualTo("5b10ac8d82e05b22cc7d4ef5");
        assertThat(t.updated()).isEqualTo(Instant.parse("2025-04-16T08:32:00.123Z"));
        assertThat(t.linkedIssueKeys()).containsExactlyInAnyOrder("OPS-42", "OPS-1");
    }

    @Test
    void missingAndNullFieldsAreNulls() throws Exception {
        Ticket t = IssueParser.parse(
                JiraHttp.JSON.readTree(
                        "{\"id\":\"1\",\"key\":\"OPS-1\",\"fields\":{\"resolution\":null,\"assignee\":null,\"duedate\":null}}"),
                "name");
        assertThat(t.status()).isEqualTo(new TicketStatus(null, TicketStatus.Category.UNDEFINED, null));
        assertThat(t.assignee()).isNull();
        assertThat(t.dueDate()).isNull();
        assertThat(t.updated()).isNull();
        assertThat(t.labels()).isEmpty();
    }
}
