package io.postmortemsync.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.fakejira.FakeJira;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JqlTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain",
                "with space",
                "quote\"inside",
                "back\\slash",
                "close) OR labels = x",
                "a\") OR (labels = \"b",
                "new\nline",
                "tab\tbed",
                "'single'",
                "trailing\\"
            })
    void aValueStaysOneValueWhateverItContains(String value) {
        String jql =
                Jql.in("labels", List.of(value, "other")) + " AND " + Jql.eq("project", value) + " ORDER BY key ASC";

        assertThat(FakeJira.jqlValues(jql, "labels")).containsExactly(value, "other");
        assertThat(FakeJira.jqlValues(jql, "project")).containsExactly(value);
    }

    @Test
    void everyValueIsQuoted() {
        assertThat(Jql.in("key", List.of("OPS-1", "OPS-2"))).isEqualTo("key in (\"OPS-1\", \"OPS-2\")");
        assertThat(Jql.eq("labels", "postmortem-sync")).isEqualTo("labels = \"postmortem-sync\"");
        assertThat(Jql.quote("a\"b\\c\u0001")).isEqualTo("\"a\\\"b\\\\c\\u0001\"");
    }

    @Test
    void datesAreWrittenInTheUsersZoneRoundedDownToTheMinute() {
        Instant since = Instant.parse("2025-01-15T23:59:59.900Z");
        assertThat(Jql.atOrAfter("updated", since, ZoneId.of("UTC"))).isEqualTo("updated >= \"2025-01-15 23:59\"");
        assertThat(Jql.atOrAfter("updated", since, ZoneId.of("Europe/Berlin")))
                .isEqualTo("updated >= \"2025-01-16 00:59\"");
        assertThat(Jql.atOrAfter("updated", since, ZoneId.of("America/Los_Angeles")))
                .isEqualTo("updated >= \"2025-01-15 15:59\"");
    }
}
