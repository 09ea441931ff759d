package io.postmortemsync.postmortem.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.postmortem.Severity;
import io.postmortemsync.postmortem.SyncKey;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostmortemParserTest {

    static final String TEMPLATE = """
            # Incident Postmortem: Payment service errors

            ## Incident Summary
            - **Date**: 2025-04-10
            - **Duration**: 14:32 to 16:00 (1 hour 28 minutes)
            - **Severity**: P1
            - **Service(s) Affected**: payment-service, checkout
            - **Customer Impact**: 12% of payments failed for 88 minutes

            ## Timeline
            | Time (UTC) | Event |
            |------------|-------|
            | 14:32 | Alert triggered: High error rate on payment service |

            ## Root Cause Analysis
            The pool was too small.

            ## Action Items
            | Action | Type | Owner | Due Date | Status |
            |--------|------|-------|----------|--------|
            | Increase default connection pool size | Prevent | @alice | 2025-04-15 | In Progress |
            | Add monitoring for connection pool utilization | Detect | @bob | 2025-04-20 | Not Started |
            """;

    private final PostmortemParser parser = new PostmortemParser(ParseOptions.defaults());

    static ParsedDocument parse(String file, String text) {
        return new PostmortemParser(ParseOptions.defaults()).parse(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static ParsedDocument parse(String text) {
        return parse("pm/2025-04-10-payments.md", text);
    }

    static String withSection(String section) {
        return "# Incident Postmortem: Test\n\n## Action Items\n" + section;
    }

    static List<ActionItem> items(String text) {
        return parse(text).postmortem().items();
    }

    static List<String> messages(ParsedDocument parsed) {
        return parsed.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void readsTheTeamTemplate() {
        ParsedDocument parsed = parse(TEMPLATE);
        Postmortem pm = parsed.postmortem();
        assertThat(pm.incidentId()).isEqualTo("2025-04-10-payments");
        assertThat(pm.title()).isEqualTo("Payment service errors");
        assertThat(pm.date()).isEqualTo(LocalDate.of(2025, 4, 10));
        assertThat(pm.severity()).isEqualTo(Severity.P1);
        assertThat(pm.services()).containsExactly("payment-service", "checkout");
        assertThat(pm.customerImpact()).isEqualTo("12% of payments failed for 88 minutes");
        assertThat(pm.items())
                .containsExactly(
                        new ActionItem(
                                21,
                                "Increase default connection pool size",
                                ItemType.PREVENT,
                                "@alice",
                                LocalDate.of(2025, 4, 15),
                                ItemStatus.IN_PROGRESS,
                                null,
                                SyncKey.of("2025-04-10-payments", "Increase default connection pool size")),
                        new ActionItem(
                                22,
                                "Add monitoring for connection pool utilization",
                                ItemType.DETECT,
                                "@bob",
                                LocalDate.of(2025, 4, 20),
                                ItemStatus.NOT_STARTED,
                                null,
                                SyncKey.of("2025-04-10-payments", "Add monitoring for connection pool utilization")));
        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.isValid()).isTrue();
    }

    @Test
    void crlfLineEndingsAndABomReadTheSame() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] crlf = TEMPLATE.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + crlf.length];
        System.arraycopy(bom, 0, both, 0, 3);
        System.arraycopy(crlf, 0, both, 3, crlf.length);
        ParsedDocument parsed = parser.parse("pm/2025-04-10-payments.md", both);
        assertThat(parsed.postmortem()).isEqualTo(parse(TEMPLATE).postmortem());
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Nested
    class Fields {

        @Test
        void frontMatterNamesTheIncidentAndWinsOverTheSummary() {
            ParsedDocument parsed = parse("""
                    ---
                    incident: INC-2025-042
                    title: Checkout outage
                    date: 2025-04-10
                    severity: SEV2
                    services: [checkout, payments]
                    ticket: https://jira.example.com/browse/OPS-42
                    ---
                    # Incident Postmortem: Something else

                    ## Incident Summary
                    - **Incident ID**: INC-OTHER
                    - **Severity**: P4

                    ## Action Items
                    - [ ] Add a canary @dana
                    """);
            Postmortem pm = parsed.postmortem();
            assertThat(pm.incidentId()).isEqualTo("INC-2025-042");
            assertThat(pm.incidentIdLine()).isEqualTo(2);
            assertThat(pm.title()).isEqualTo("Checkout outage");
            assertThat(pm.date()).isEqualTo(LocalDate.of(2025, 4, 10));
            assertThat(pm.severity()).isEqualTo(Severity.P2);
            assertThat(pm.services()).containsExactly("checkout", "payments");
            assertThat(pm.incidentTicket()).isEqualTo("OPS-42");
            assertThat(pm.items()).singleElement().satisfies(i -> {
                assertThat(i.line()).isEqualTo(16);
                assertThat(i.syncKey()).isEqualTo(SyncKey.of("INC-2025-042", "Add a canary"));
            });
        }

        @Test
        void idKeyAndServicesAsAStringWork() {
            Postmortem pm = parse("---\nservices: api, web\nid: 42\njira: OPS-7\n---\n# T\n")
                    .postmortem();
            assertThat(pm.incidentId()).isEqualTo("42");
            assertThat(pm.incidentIdLine()).isEqualTo(3);
            assertThat(pm.services()).containsExactly("api", "web");
            assertThat(pm.incidentTicket()).isEqualTo("OPS-7");
        }

        @Test
        void summaryBulletsNameIdTicketAndServices() {
            Postmortem pm = parse("""
                    # Postmortem: Search latency

                    - **Incident**: INC-7
                    - **Jira**: [OPS-9](https://jira.example.com/browse/OPS-9)
                    - **Services**: search ; indexer
                    - **Severity:** Sev 3 (minor)
                    - **Date:** Apr 3, 2025
                    """).postmortem();
            assertThat(pm.incidentId()).isEqualTo("INC-7");
            assertThat(pm.incidentIdLine()).isEqualTo(3);
            assertThat(pm.title()).isEqualTo("Search latency");
            assertThat(pm.incidentTicket()).isEqualTo("OPS-9");
            assertThat(pm.services()).containsExactly("search", "indexer");
            assertThat(pm.severity()).isEqualTo(Severity.P3);
            assertThat(pm.date()).isEqualTo(LocalDate.of(2025, 4, 3));
        }

        @Test
        void unreadableSummaryValuesAreWarningsNotErrors() {
            ParsedDocument parsed = parse(
                    "# T\n\n## Incident Summary\n- **Severity**: Critical\n- **Date**: last Tuesday\n\n## Action Items\n- Fix it [prevent]\n");
            assertThat(parsed.isValid()).isTrue();
            assertThat(parsed.postmortem().severity()).isNull();
            assertThat(parsed.postmortem().date()).isNull();
            assertThat(messages(parsed))
                    .containsExactly(
                            "pm/2025-04-10-payments.md:5: warning: Incident date \"last Tuesday\" is not a date; write it as YYYY-MM-DD, 15 Apr 2025 or Apr 15, 2025; the incident date is left empty",
                            "pm/2025-04-10-payments.md:4: warning: Severity must be P1, P2, P3 or P4 (or SEV1..SEV4), got \"Critical\"; the severity is left unknown");
        }

        @Test
        void theFileNameIsTheIdOfLastResort() {
            assertThat(parse("a/b/INC-9.postmortem.md", "# T\n").postmortem().incidentId())
                    .isEqualTo("INC-9.postmortem");
            assertThat(parse("a/b/INC-9.postmortem.md", "# T\n").postmortem().incidentIdLine())
                    .isZero();
        }
    }

    @Nested
    class Section {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "## Action Items",
                    "### action items:",
                    "# Action items & follow-ups",
                    "## Actions",
                    "## Follow-ups",
                    "## Follow-up actions",
                    "## Followups",
                    "## Corrective actions  ",
                    "## Corrective and Preventative Measures",
                    "## Remediation",
                    "#### Next steps",
                    "## 7. Corrective Actions",
                    "## Action Items (short term):",
                    "## **Action Items**"
                })
        void anyNamedHeadingAtAnyLevelOpensTheSection(String heading) {
            List<ActionItem> items =
                    items("# T\n\n" + heading + "\n\n- Rotate the keys [respond]\n\n# Timeline\n- 10:00 paged\n");
            assertThat(items).extracting(ActionItem::action).containsExactly("Rotate the keys");
        }

        @Test
        void setextHeadingsCountToo() {
            assertThat(items("Title\n=====\n\nAction Items\n------------\n\n- Rotate the keys [respond]\n"))
                    .hasSize(1);
        }

        @Test
        void subHeadingsBelongToTheSectionAndNameTheType() {
            List<ActionItem> items = items("""
                    # T
                    ## Action Items
                    ### Prevention
                    - Add a retry budget
                    ### Detection
                    - Alert on saturation
                    #### Details
                    - Page the owner
                    ### Process improvements
                    - Write the runbook
                    ### Other
                    - Something else
                    ## Timeline
                    - Not an item
                    """);
            assertThat(items)
                    .extracting(ActionItem::action, ActionItem::type)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Add a retry budget", ItemType.PREVENT),
                            org.assertj.core.groups.Tuple.tuple("Alert on saturation", ItemType.DETECT),
                            org.assertj.core.groups.Tuple.tuple("Page the owner", ItemType.DETECT),
                            org.assertj.core.groups.Tuple.tuple("Write the runbook", ItemType.RESPOND),
                            org.assertj.core.groups.Tuple.tuple("Something else", ItemType.PREVENT));
        }

        @Test
        void aDocumentWithoutTheSectionIsValidWithOneWarning() {
            ParsedDocument parsed = parse("# T\n\n## Timeline\n- 10:00 paged\n");
            assertThat(parsed.isValid()).isTrue();
            assertThat(parsed.postmortem().items()).isEmpty();
            assertThat(messages(parsed))
                    .containsExactly(
                            "pm/2025-04-10-payments.md: warning: No action items section (a heading such as \"## Action Items\"); the document has no action items");
        }

        @Test
        void aSectionWithOnlyProseIsAWarning() {
            ParsedDocument parsed = parse("# T\n\n## Action Items\n\nWe will do better.\n");
            assertThat(messages(parsed))
                    .containsExactly(
                            "pm/2025-04-10-payments.md:3: warning: The \"Action Items\" section has no table or list of action items");
        }

        @Test
        void whenTheSectionHasATableItsListsAreNotItems() {
            List<ActionItem> items = items(withSection("""
                    Types:
                    * Prevent - stop it happening
                    * Detect - notice sooner

                    | Action Item | Type |
                    |---|---|
                    | Add chaos tests | Prevent |
                    """));
            assertThat(items).extracting(ActionItem::action).containsExactly("Add chaos tests");
        }
    }

    @Nested
    class Tables {

        @ParameterizedTest
        @CsvSource(
                delimiter = ';',
                value = {
                    "Action Item;Category;Assignee;Due;State;Issue",
                    "Item;Kind;Who;Deadline;Status;Jira",
                    "Task;Type;Responsible;Target Date;Status;Tracking",
                    "Description;Type;Owner;Expected Date;Status;Link",
                    "Follow-up;Type;Owners;Due Date;Status;Bug #",
                    "**Action**;Type (Prevent/Detect/Respond);owner;DUE DATE;status;Ticket"
                })
        void everyHeaderSynonymIsAColumn(
                String action, String type, String owner, String due, String status, String ticket) {
            String table = "| " + String.join(" | ", action, type, owner, due, status, ticket)
                    + " |\n|---|---|---|---|---|---|\n"
                    + "| Add alert | Detect | @bob | 2025-04-20 | In Progress | OPS-12 |\n";
            assertThat(items(withSection(table))).singleElement().satisfies(i -> {
                assertThat(i.action()).isEqualTo("Add alert");
                assertThat(i.type()).isEqualTo(ItemType.DETECT);
                assertThat(i.owner()).isEqualTo("@bob");
                assertThat(i.dueDate()).isEqualTo(LocalDate.of(2025, 4, 20));
                assertThat(i.status()).isEqualTo(ItemStatus.IN_PROGRESS);
                assertThat(i.ticket()).isEqualTo("OPS-12");
            });
        }

        @Test
        void columnsMayComeInAnyOrderAndExtraColumnsAreIgnored() {
            ActionItem item = items(withSection("""
                    | Priority | Status | Owner | Action | Notes |
                    |:--|:-:|--:|---|---|
                    | P0 | done | Alice Smith | **Rotate** the `api` keys, see [docs](https://wiki/x) | n/a |
                    """)).getFirst();
            assertThat(item.action()).isEqualTo("Rotate the api keys, see docs");
            assertThat(item.status()).isEqualTo(ItemStatus.COMPLETED);
            assertThat(item.owner()).isEqualTo("Alice Smith");
        }

        @Test
        void tablesWithoutOuterPipesWork() {
            assertThat(items(withSection("Action | Type\n--- | ---\nAdd alert | detect\n")))
                    .extracting(ActionItem::type)
                    .containsExactly(ItemType.DETECT);
        }

        @Test
        void ticketCellsTakeLinksUrlsAndKeysButNotOtherLinks() {
            List<ActionItem> items = items(withSection("""
                    | Action | Type | Bug |
                    |---|---|---|
                    | A1 | Prevent | [OPS-1](https://jira.example.com/browse/OPS-1) |
                    | A2 | Prevent | https://jira.example.com/browse/OPS-2 |
                    | A3 | Prevent | OPS-3 |
                    | A4 | Prevent | https://github.com/acme/api/issues/14045 |
                    | A5 | Prevent | - |
                    """));
            assertThat(items).extracting(ActionItem::ticket).containsExactly("OPS-1", "OPS-2", "OPS-3", null, null);
        }

        @Test
        void browseLinksToAnotherTrackerAreNotTicketsOnceOursIsConfigured() {
            ParseOptions options = new ParseOptions(ItemType.PREVENT, "https://acme.atlassian.net/");
            String doc = withSection("""
                    - Fix A ([OPS-1](https://acme.atlassian.net/browse/OPS-1))
                    - Fix B ([OLD-2](https://old-jira.acme.com/browse/OLD-2))
                    - Fix C (http://ACME.atlassian.net/browse/OPS-3)
                    """);
            List<ActionItem> items = new PostmortemParser(options)
                    .parse("x.md", doc.getBytes(StandardCharsets.UTF_8))
                    .postmortem()
                    .items();
            assertThat(items).extracting(ActionItem::ticket).containsExactly("OPS-1", null, "OPS-3");
            assertThat(items).extracting(ActionItem::action).containsExactly("Fix A", "Fix B (OLD-2)", "Fix C");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = ';',
                value = {
                    "Not Started;NOT_STARTED",
                    "todo;NOT_STARTED",
                    "To Do;NOT_STARTED",
                    "open;NOT_STARTED",
                    "new;NOT_STARTED",
                    "'';NOT_STARTED",
                    "TODO.;NOT_STARTED",
                    "In Progress;IN_PROGRESS",
                    "WIP;IN_PROGRESS",
                    "doing;IN_PROGRESS",
                    "in-progress;IN_PROGRESS",
                    "started;IN_PROGRESS",
                    "in review;IN_PROGRESS",
                    "**IN PROGRESS**;IN_PROGRESS",
                    "🔄;IN_PROGRESS",
                    "Completed;COMPLETED",
                    "done;COMPLETED",
                    "Complete;COMPLETED",
                    "closed;COMPLETED",
                    "resolved;COMPLETED",
                    "fixed;COMPLETED",
                    "✅;COMPLETED",
                    "✅ Done;COMPLETED",
                    "DONE;COMPLETED",
                    "Deferred;DEFERRED",
                    "won't do;DEFERRED",
                    "Won’t Fix;DEFERRED",
                    "wontfix;DEFERRED",
                    "postponed;DEFERRED",
                    "cancelled;DEFERRED"
                })
        void everyStatusSynonymIsRead(String cell, ItemStatus expected) {
            assertThat(items(withSection(
                            "| Action | Type | Status |\n|---|---|---|\n| Do it | Prevent | " + cell + " |\n")))
                    .extracting(ActionItem::status)
                    .containsExactly(expected);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = ';',
                value = {
                    "2025-04-15;2025-04-15", "2025-4-5;2025-04-05", "15 Apr 2025;2025-04-15", "Apr 15, 2025;2025-04-15",
                    "April 15, 2025;2025-04-15", "  Jul 16, 2023;2023-07-16", "15 April 2025;2025-04-15",
                            "Sept 3, 2025;2025-09-03",
                    "apr 15 2025;2025-04-15", "'';", "TBD;"
                })
        void everyDateFormIsRead(String cell, LocalDate expected) {
            assertThat(items(withSection(
                            "| Action | Type | Due |\n|---|---|---|\n| Do it | Prevent | " + cell + " |\n")))
                    .extracting(ActionItem::dueDate)
                    .containsExactly(expected);
        }

        @ParameterizedTest
        @CsvSource(
                delimiterString = "=>",
                value = {
                    "04/05/2025=>Due date \"04/05/2025\" is ambiguous (day and month could be either way round); write it as YYYY-MM-DD",
                    "16/12/2022=>Due date \"16/12/2022\" is ambiguous (day and month could be either way round); write it as YYYY-MM-DD",
                    "2025-02-30=>Due date \"2025-02-30\" is not a valid date",
                    "Q4 2025=>Due date \"Q4 2025\" is not a date; write it as YYYY-MM-DD, 15 Apr 2025 or Apr 15, 2025",
                })
        void badDatesAreErrorsForTheirRow(String cell, String message) {
            ParsedDocument parsed =
                    parse(withSection("| Action | Type | Due |\n|---|---|---|\n| Do it | Prevent | " + cell + " |\n"));
            assertThat(parsed.postmortem().items()).isEmpty();
            assertThat(messages(parsed)).containsExactly("pm/2025-04-10-payments.md:6: error: " + message);
        }

        @Test
        void oneBadRowNeverHidesTheGoodOnes() {
            ParsedDocument parsed = parse(withSection("""
                    | Action | Type | Owner | Due Date | Status |
                    |--------|------|-------|----------|--------|
                    | Good one | Prevent | @a | 2025-04-15 | Done |
                    | Unknown status | Detect | @b | 2025-04-15 | Blocked |
                    | Unknown type | Other | @c | | |
                    |  | Prevent | @d | | |
                    | Too few | Prevent | @e |
                    | Too | many | cells | in | this | row |
                    | Good two | respond | | | |
                    |   |   |   |   |   |
                    | No type |  | | | |
                    | Good one | Prevent | @z | | |
                    """));
            assertThat(parsed.postmortem().items())
                    .extracting(ActionItem::action)
                    .containsExactly("Good one", "Good two", "No type");
            assertThat(messages(parsed))
                    .containsExactly(
                            "pm/2025-04-10-payments.md:7: error: Status must be one of: Not Started, In Progress, Completed, Deferred (got \"Blocked\")",
                            "pm/2025-04-10-payments.md:8: error: Type must be one of: Prevent, Detect, Respond (got \"Other\")",
                            "pm/2025-04-10-payments.md:9: error: Row has no action (the Action cell is empty)",
                            "pm/2025-04-10-payments.md:10: error: Row has 3 cells but the table has 5 columns; every row needs one cell per column (escape a | inside a cell as \\|)",
                            "pm/2025-04-10-payments.md:11: error: Row has 6 cells but the table has 5 columns; every row needs one cell per column (escape a | inside a cell as \\|)",
                            "pm/2025-04-10-payments.md:14: warning: No type given; using prevent (write Prevent, Detect or Respond)",
                            "pm/2025-04-10-payments.md:15: error: Duplicate action: the same action as line 6 (\"Good one\"); this one is skipped");
        }

        @Test
        void escapedPipesStayInTheirCell() {
            assertThat(items(withSection("| Action | Type |\n|---|---|\n| Split a \\| b traffic | Prevent |\n")))
                    .extracting(ActionItem::action)
                    .containsExactly("Split a | b traffic");
        }

        @Test
        void theConfiguredDefaultTypeIsUsed() {
            ParseOptions options = new ParseOptions(ItemType.RESPOND, null);
            String doc = withSection("| Action |\n|---|\n| Write it down |\n");
            assertThat(new PostmortemParser(options)
                            .parse("x.md", doc.getBytes(StandardCharsets.UTF_8))
                            .postmortem()
                            .items())
                    .extracting(ActionItem::type)
                    .containsExactly(ItemType.RESPOND);
        }
    }

    @Nested
    class Lists {

        @Test
        void metadataIsReadAndRemovedFromTheAction() {
            ActionItem item = items(withSection("- [ ] Load-test the login path @hana (due: 2023-02-15)\n"))
                    .getFirst();
            assertThat(item.action()).isEqualTo("Load-test the login path");
            assertThat(item.owner()).isEqualTo("@hana");
            assertThat(item.dueDate()).isEqualTo(LocalDate.of(2023, 2, 15));
            assertThat(item.status()).isEqualTo(ItemStatus.NOT_STARTED);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = ';',
                value = {
                    "- [x] Rotate keys;Rotate keys;COMPLETED",
                    "- [X] Rotate keys;Rotate keys;COMPLETED",
                    "- [*] Rotate keys;Rotate keys;COMPLETED",
                    "- [ ] Rotate keys;Rotate keys;NOT_STARTED",
                    "* [DONE] Rotate keys;Rotate keys;COMPLETED",
                    "1. Rotate keys (done);Rotate keys;COMPLETED",
                    "- ✅ Rotate keys;Rotate keys;COMPLETED",
                    "- Rotate keys (in progress);Rotate keys;IN_PROGRESS",
                    "- [WIP] Rotate keys;Rotate keys;IN_PROGRESS",
                    "- TODO: Rotate keys;Rotate keys;NOT_STARTED",
                    "- Rotate keys (deferred);Rotate keys;DEFERRED",
                    "- [ ] Rotate keys (in progress);Rotate keys;IN_PROGRESS",
                    "- [x] Rotate keys (in progress);Rotate keys;COMPLETED",
                    "- Rotate keys (done) @bob;Rotate keys;COMPLETED",
                    "- Rotate keys (if possible);Rotate keys (if possible);NOT_STARTED",
                    "- Rotate [20m] keys;Rotate [20m] keys;NOT_STARTED"
                })
        void statusMarkers(String line, String action, ItemStatus status) {
            assertThat(items(withSection(line + "\n"))).singleElement().satisfies(i -> {
                assertThat(i.action()).isEqualTo(action);
                assertThat(i.status()).isEqualTo(status);
            });
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = ';',
                value = {
                    "- Add alert @bob;Add alert;@bob",
                    "- Add alert, Owner: Alice Smith;Add alert;Alice Smith",
                    "- Add alert (owner: alice@example.com);Add alert;alice@example.com",
                    "- Email alice@example.com about it;Email alice@example.com about it;",
                    "- Add alert for https://hachyderm.io/@nova;Add alert for https://hachyderm.io/@nova;",
                    "- Add alert `@dma`;Add alert;@dma"
                })
        void owners(String line, String action, String owner) {
            assertThat(items(withSection(line + "\n"))).singleElement().satisfies(i -> {
                assertThat(i.action()).isEqualTo(action);
                assertThat(i.owner()).isEqualTo(owner);
            });
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = ';',
                value = {
                    "- Add alert due 2025-04-15;2025-04-15",
                    "- Add alert (due: 2025-04-15);2025-04-15",
                    "- Add alert by 2025-04-15;2025-04-15",
                    "- Add alert, due Apr 15, 2025;2025-04-15",
                    "- Add alert (due 15 April 2025);2025-04-15"
                })
        void duePhrases(String line, LocalDate due) {
            assertThat(items(withSection(line + "\n"))).singleElement().satisfies(i -> {
                assertThat(i.action()).isEqualTo("Add alert");
                assertThat(i.dueDate()).isEqualTo(due);
            });
        }

        @Test
        void badDuePhrasesAreErrorsForTheirItemOnly() {
            ParsedDocument parsed = parse(withSection("- Add alert (due: 04/05/2025)\n- Keep this one\n"));
            assertThat(parsed.postmortem().items())
                    .extracting(ActionItem::action)
                    .containsExactly("Keep this one");
            assertThat(messages(parsed))
                    .first()
                    .isEqualTo(
                            "pm/2025-04-10-payments.md:4: error: Due date \"04/05/2025\" is ambiguous (day and month could be either way round); write it as YYYY-MM-DD");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = ';',
                value = {
                    "- [prevent] Add limits;PREVENT",
                    "- Add limits [Detect];DETECT",
                    "- Add limits (Type: Respond);RESPOND",
                    "- [runbook] Add limits;RESPOND",
                    "- Add limits [monitoring];DETECT"
                })
        void typeTags(String line, ItemType type) {
            assertThat(items(withSection(line + "\n"))).singleElement().satisfies(i -> {
                assertThat(i.action()).isEqualTo("Add limits");
                assertThat(i.type()).isEqualTo(type);
            });
        }

        @Test
        void anUnknownTypeLabelIsAnError() {
            ParsedDocument parsed = parse(withSection("- Add limits (Type: Other)\n"));
            assertThat(messages(parsed))
                    .containsExactly(
                            "pm/2025-04-10-payments.md:4: error: Type must be one of: Prevent, Detect, Respond (got \"Other\")");
        }

        @Test
        void missingTypesAreWarnedAboutPerItem() {
            ParsedDocument parsed = parse(withSection("- One\n- Two\n"));
            assertThat(parsed.isValid()).isTrue();
            assertThat(messages(parsed))
                    .containsExactly(
                            "pm/2025-04-10-payments.md:4: warning: No type given; using prevent (write Prevent, Detect or Respond)",
                            "pm/2025-04-10-payments.md:5: warning: No type given; using prevent (write Prevent, Detect or Respond)");
        }

        @Test
        void onlyTopLevelItemsCountAndTheirTextStopsAtTheNestedList() {
            List<ActionItem> items = items(withSection("""
                    1. Improve probes
                       across teams
                       - Reach out to teams
                       - Write a wiki page
                    2. Modify the AMI module

                    * Another list, another marker
                    """));
            assertThat(items)
                    .extracting(ActionItem::action, ActionItem::line)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Improve probes across teams", 4),
                            org.assertj.core.groups.Tuple.tuple("Modify the AMI module", 8),
                            org.assertj.core.groups.Tuple.tuple("Another list, another marker", 10));
        }

        @Test
        void inlineMarkupIsRemovedAndLinksKeepTheirText() {
            assertThat(
                            items(
                                    withSection(
                                            "- **Circuit breaker**: add `retry` budgets, see [RFC 12](https://x/rfc/12) &amp; <https://x/y>\n")))
                    .extracting(ActionItem::action)
                    .containsExactly("Circuit breaker: add retry budgets, see RFC 12 & https://x/y");
        }

        @Test
        void browseLinksAreTicketsAndLeaveTheAction() {
            List<ActionItem> items = items(withSection("""
                    - Add alert ([OPS-123](https://jira.example.com/browse/OPS-123))
                    - Add dashboard https://jira.example.com/browse/OPS-124
                    - Add runbook [jira](https://acme.atlassian.net/browse/SAAS-309)
                    """));
            assertThat(items).extracting(ActionItem::ticket).containsExactly("OPS-123", "OPS-124", "SAAS-309");
            assertThat(items)
                    .extracting(ActionItem::action)
                    .containsExactly("Add alert", "Add dashboard", "Add runbook");
        }

        @Test
        void bareKeysInListTextAreTicketsOnlyForConfiguredProjects() {
            String doc = withSection("""
                    - Switch the feed to UTF-8 and SHA-256
                    - Update the COVID-19 banner (OPS-12)
                    """);
            List<ActionItem> unconfigured = items(doc);
            assertThat(unconfigured).extracting(ActionItem::ticket).containsOnlyNulls();
            assertThat(unconfigured)
                    .extracting(ActionItem::action)
                    .containsExactly("Switch the feed to UTF-8 and SHA-256", "Update the COVID-19 banner (OPS-12)");

            ParseOptions options = ParseOptions.defaults().withProjectKeys(Set.of("ops"));
            List<ActionItem> configured = new PostmortemParser(options)
                    .parse("x.md", doc.getBytes(StandardCharsets.UTF_8))
                    .postmortem()
                    .items();
            assertThat(configured).extracting(ActionItem::ticket).containsExactly(null, "OPS-12");
            assertThat(configured.get(1).action()).isEqualTo("Update the COVID-19 banner");
        }

        @Test
        void anItemWithNothingButMetadataIsAnError() {
            ParsedDocument parsed = parse(withSection("- [ ] @bob\n- Real one\n"));
            assertThat(parsed.postmortem().items())
                    .extracting(ActionItem::action)
                    .containsExactly("Real one");
            assertThat(messages(parsed))
                    .first()
                    .isEqualTo("pm/2025-04-10-payments.md:4: error: List item has no action text");
        }

        @Test
        void duplicateActionsDifferingOnlyInMarkupAndCaseAreDuplicates() {
            ParsedDocument parsed = parse(withSection("- Add **alert**\n- add alert\n"));
            assertThat(parsed.postmortem().items()).hasSize(1);
            assertThat(messages(parsed))
                    .contains(
                            "pm/2025-04-10-payments.md:5: error: Duplicate action: the same action as line 4 (\"add alert\"); this one is skipped");
        }

        @Test
        void listsOutsideTheSectionAreNotItems() {
            assertThat(
                            items(
                                    "# T\n\n## Timeline\n- 10:00 paged\n\n## Action Items\n- Fix [prevent]\n\n## Lessons\n- Be calm\n"))
                    .extracting(ActionItem::action)
                    .containsExactly("Fix");
        }
    }
}
