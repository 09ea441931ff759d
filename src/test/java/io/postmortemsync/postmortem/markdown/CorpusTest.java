package io.postmortemsync.postmortem.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.Diagnostic;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.postmortem.ParsedDocument;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 42 real postmortems in {@code src/test/resources/corpus} (see its README and PROVENANCE.tsv
 * for their sources and licences). The expected counts were made by reading each file, not by
 * running the parser: they count the top-level items of the lists or the rows of the tables in
 * the first section whose heading DESIGN.md §3.3 names, the way CommonMark (and GitHub) nest them.
 */
@SuppressWarnings("EnumOrdinal") // picks enum values at random or in turn, by index
class CorpusTest {

    /** Items per file whose action items are in a supported form (a table or lists under a section heading). */
    private static final Map<String, Integer> ITEMS = Map.ofEntries(
            Map.entry("2i2c-org__incident-reports/2020-10-28-memory-overload.md", 5),
            Map.entry("2i2c-org__incident-reports/2025-08-12-leap-outage.md", 5),
            Map.entry("PostHog__post-mortems/2025-09-29-flags-is-down.md", 9),
            Map.entry("PostHog__post-mortems/2025-10-03-surveys-sdk-bug.md", 9),
            // The sub-bullets under each numbered item start at column 0, so CommonMark (and
            // GitHub) end the numbered list there and render them as top-level lists: 7 + 23
            // under "Immediate actions", 4 + 3 under "Planned actions".
            Map.entry("PostHog__post-mortems/2025-11-15-persons-db-migration.md", 37),
            Map.entry("cheqd__product-docs/v4.x-upgrade-rca-testnet.md", 12),
            Map.entry(
                    "dastergon__postmortem-templates/postmortem-template-michael.kehoe.md",
                    0), // a template: empty rows
            Map.entry("dfds__postmortems/PM2019-009_-_Kubernetes_network_infrastructure_IP_starvation.md", 4),
            Map.entry("dfds__postmortems/PM2021-001_-_Logs_from_Kubernetes_not_shipped_to_CWL.md", 3),
            Map.entry("dfds__postmortems/PM2022-009_-_Bad_AWS_EKS_AMI_causing_Kubernetes_issues.md", 7),
            Map.entry("dfds__postmortems/PM2023-001_-_Total_node_failure.md", 6),
            Map.entry("etcd-io__etcd/v3.5-data-inconsistency.md", 10),
            Map.entry("ethereum-optimism__optimism/2022-05-31-drop-1.md", 11),
            Map.entry("hachyderm__community/2023-02-27-tls-media.md", 4),
            Map.entry("hachyderm__community/2023-07-16-security-redis-cache-exposed.md", 9),
            Map.entry("jupyterhub__mybinder.org-deploy/2017-09-27-hub-403.md", 5),
            Map.entry("jupyterhub__mybinder.org-deploy/2017-11-30-oom-proxy.md", 2), // two actions are plain paragraphs
            Map.entry("jupyterhub__mybinder.org-deploy/2018-02-22-nginx-down.md", 2),
            Map.entry("kubernetes__test-infra/2019-01-23.md", 2),
            Map.entry("kubernetes__test-infra/2019-02-05.md", 1),
            Map.entry("kubernetes__test-infra/2019-05-30.md", 2),
            Map.entry("learningequality__postmortems/002-cloudflare-incomplete-migration.md", 3),
            // "-" then "*" markers: two lists, 2 + 3 items.
            Map.entry("taskcluster__taskcluster-retrospectives/2016-05-30-provisioner-deployment-issue.md", 5),
            Map.entry("taskcluster__taskcluster-retrospectives/2016-07-21-aws-provisioner-stuck.md", 8),
            Map.entry("taskcluster__taskcluster-retrospectives/2017-07-25-ec2-instance-creation-stopped.md", 5),
            Map.entry("taskcluster__taskcluster-retrospectives/2018-01-08-auth-sentry-crash.md", 3),
            Map.entry("taskcluster__taskcluster-retrospectives/2019-03-20-leaked-task-creds.md", 4),
            Map.entry("taskcluster__taskcluster-retrospectives/2022-01-08-google-incident.md", 5));

    /** Files with no section DESIGN.md §3.3 names: valid, zero items, one warning. */
    private static final List<String> NO_SECTION = List.of(
            "2i2c-org__incident-reports/2023-02-01-daskhub-induced-evictions.md", // "Follow-up improvements"
            "Chia-Network__post-mortem/2021-05-09-negative-coin-values.md",
            "Chia-Network__post-mortem/2021-10-31-EmployeeCompromise.md", // "... Measure" (singular), unbulleted lines
            "PostHog__post-mortems/2024-02-28-decide_is_down.md", // prose only
            "comdex-official__incident-reports/incident_report_patch_fix_16_dec.md",
            "ethereum-optimism__optimism/2022-02-02-inflation-vuln.md",
            "ethereum-optimism__optimism/2023-04-26-transaction-delays.md",
            "hachyderm__community/2022-12-13-root-filesystem-full.md", // "Resulting Action"
            "hachyderm__community/2022-12-18-unexpected-growth-and-unknown-media-caching.md",
            "learningequality__postmortems/004-sushibar-certificate-expired.md", // "Action Items" is a paragraph
            "ministryofjustice__cloud-platform/2023-09-18-lack-of-diskspace.html.md.erb.md", // "- **Review actions**:"
            // bullet
            "ministryofjustice__cloud-platform/2025-07-23-multiple-secrets-leaked-to-public.html.md.erb.md");

    /** Files with a section but no list or table in it (one heading per action, or prose). */
    private static final List<String> SECTION_WITHOUT_ITEMS = List.of(
            "hachyderm__community/2023-01-03-fritz-overload.md",
            "ministryofjustice__cloud-platform/2026-03-30-ingress-nginx-rollback.html.md.erb.md");

    private final PostmortemParser parser = new PostmortemParser(ParseOptions.defaults());

    static Path corpus() throws URISyntaxException {
        return Path.of(CorpusTest.class.getResource("/corpus/README.md").toURI())
                .getParent();
    }

    static Stream<String> documents() throws Exception {
        Path root = corpus();
        try (Stream<Path> files = Files.walk(root)) {
            return files
                    .filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.contains("/"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private ParsedDocument parse(String path) throws Exception {
        return parser.parse(path, Files.readAllBytes(corpus().resolve(path)));
    }

    @Test
    void everyCorpusFileIsClassified() throws Exception {
        List<String> all = documents().toList();
        assertThat(all).hasSize(42);
        assertThat(Stream.of(ITEMS.keySet().stream(), NO_SECTION.stream(), SECTION_WITHOUT_ITEMS.stream())
                        .flatMap(s -> s)
                        .sorted()
                        .toList())
                .containsExactlyElementsOf(all);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyFileIsReadWithoutAnException(String path) throws Exception {
        ParsedDocument parsed = parse(path);
        assertThat(parsed.file()).isEqualTo(path);
        assertThat(parsed.postmortem().incidentId()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("supported")
    void itemsInASupportedFormAreAllFound(String path) throws Exception {
        ParsedDocument parsed = parse(path);
        assertThat(parsed.postmortem().items())
                .as("items of %s; diagnostics: %s", path, parsed.diagnostics())
                .hasSize(ITEMS.get(path));
        assertThat(parsed.diagnostics())
                .filteredOn(Diagnostic::isError)
                .as(path)
                .isEmpty();
    }

    static Stream<String> supported() {
        return ITEMS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("withoutSection")
    void documentsWithoutASectionGetAWarningNotAnError(String path) throws Exception {
        ParsedDocument parsed = parse(path);
        assertThat(parsed.postmortem().items()).isEmpty();
        assertThat(parsed.isValid()).as("%s: %s", path, parsed.diagnostics()).isTrue();
        assertThat(parsed.diagnostics())
                .filteredOn(d -> d.message().contains("section"))
                .isNotEmpty();
    }

    static Stream<String> withoutSection() {
        return Stream.concat(NO_SECTION.stream(), SECTION_WITHOUT_ITEMS.stream());
    }

    @Test
    void statusesWrittenInTheirManyFormsAreRead() throws Exception {
        assertThat(statuses("2i2c-org__incident-reports/2025-08-12-leap-outage.md")) // - [x]
                .containsExactly(
                        ItemStatus.NOT_STARTED,
                        ItemStatus.NOT_STARTED,
                        ItemStatus.NOT_STARTED,
                        ItemStatus.COMPLETED,
                        ItemStatus.COMPLETED);
        assertThat(count("dfds__postmortems/PM2023-001_-_Total_node_failure.md", ItemStatus.COMPLETED))
                .isEqualTo(1); // (done)
        assertThat(count("etcd-io__etcd/v3.5-data-inconsistency.md", ItemStatus.COMPLETED))
                .isEqualTo(5); // DONE cells
        assertThat(count("hachyderm__community/2023-07-16-security-redis-cache-exposed.md", ItemStatus.COMPLETED))
                .isEqualTo(2); // Done / To Do
        assertThat(count("ethereum-optimism__optimism/2022-05-31-drop-1.md", ItemStatus.IN_PROGRESS))
                .isEqualTo(6); // - [ ] ... (in progress)
        assertThat(count(
                        "taskcluster__taskcluster-retrospectives/2017-07-25-ec2-instance-creation-stopped.md",
                        ItemStatus.COMPLETED))
                .isEqualTo(1); // [DONE]
        assertThat(count(
                        "taskcluster__taskcluster-retrospectives/2018-01-08-auth-sentry-crash.md",
                        ItemStatus.COMPLETED))
                .isEqualTo(1); // [*]
        assertThat(count(
                        "taskcluster__taskcluster-retrospectives/2019-03-20-leaked-task-creds.md",
                        ItemStatus.COMPLETED))
                .isEqualTo(3);
        assertThat(count("cheqd__product-docs/v4.x-upgrade-rca-testnet.md", ItemStatus.COMPLETED))
                .isEqualTo(6);
        assertThat(count("jupyterhub__mybinder.org-deploy/2018-02-22-nginx-down.md", ItemStatus.COMPLETED))
                .isEqualTo(1); // (DONE)
        assertThat(count("PostHog__post-mortems/2025-10-03-surveys-sdk-bug.md", ItemStatus.COMPLETED))
                .isEqualTo(2); // leading ✅
    }

    @Test
    void realDocumentsKeepTheirQuirksOutOfTheActionText() throws Exception {
        List<ActionItem> cheqd = parse("cheqd__product-docs/v4.x-upgrade-rca-testnet.md")
                .postmortem()
                .items();
        // U+FEFF pasted after the checkbox is invisible and does not belong to the action.
        assertThat(cheqd.get(2).action())
                .isEqualTo(
                        "Initiated off-chain devnet validation of regression fixes, decoupled from testnet recovery.");

        List<ActionItem> drop = parse("ethereum-optimism__optimism/2022-05-31-drop-1.md")
                .postmortem()
                .items();
        assertThat(drop.get(1).action()).isEqualTo("Increase size of edge proxy VMs");
        assertThat(drop.get(7).action())
                .isEqualTo("Ensure that alerting is in place for"); // its nested list is not the action

        List<ActionItem> surveys = parse("PostHog__post-mortems/2025-10-03-surveys-sdk-bug.md")
                .postmortem()
                .items();
        assertThat(surveys.get(0).action())
                .isEqualTo("Reverted the backwards-incompatible changes and released version 1.270.1");
        assertThat(surveys.get(6).owner()).isEqualTo("@lucasheriques");
        assertThat(surveys.get(6).action())
                .isEqualTo(
                        "Version compatibility testing: Add automated tests that run the latest extension code against the last N minor.");

        ActionItem redis = parse("hachyderm__community/2023-07-16-security-redis-cache-exposed.md")
                .postmortem()
                .items()
                .get(2);
        assertThat(redis.dueDate()).hasToString("2023-07-17"); // "Jul 17, 2023" in a CRLF file
        assertThat(redis.type()).isEqualTo(ItemType.PREVENT); // no Type column: the default

        List<ActionItem> etcd =
                parse("etcd-io__etcd/v3.5-data-inconsistency.md").postmortem().items();
        assertThat(etcd)
                .extracting(ActionItem::ticket)
                .containsOnlyNulls(); // GitHub links in the Bug column are no tickets
        assertThat(etcd).filteredOn(i -> i.type() == ItemType.DETECT).hasSize(3);
        assertThat(etcd.get(8).type()).isEqualTo(ItemType.PREVENT); // Mitigate

        // A "### Process" sub-heading gives its list items the respond type.
        assertThat(parse("jupyterhub__mybinder.org-deploy/2017-11-30-oom-proxy.md")
                        .postmortem()
                        .items())
                .extracting(ActionItem::type)
                .containsOnly(ItemType.RESPOND);
    }

    @Test
    void frontMatterTitlesAndIdsAreRead() throws Exception {
        ParsedDocument hachyderm = parse("hachyderm__community/2023-07-16-security-redis-cache-exposed.md");
        assertThat(hachyderm.postmortem().title())
                .isEqualTo("Security incident: Redis cache exposed to public internet");
        assertThat(hachyderm.postmortem().date()).hasToString("2023-07-16");
        assertThat(hachyderm.postmortem().incidentId()).isEqualTo("2023-07-16-security-redis-cache-exposed");
    }

    /** Write-back on real documents: every item gets a ticket and a status, and reads back with them. */
    @ParameterizedTest
    @MethodSource("supported")
    void everyItemOfEveryRealDocumentTakesATicketAndAStatus(String path) throws Exception {
        byte[] content = Files.readAllBytes(corpus().resolve(path));
        List<ActionItem> items = parse(path).postmortem().items();
        List<ItemChange> changes = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String key = "OPS-" + (100 + i);
            changes.add(new ItemChange(
                    items.get(i).syncKey(), key, "https://jira.example.com/browse/" + key, ItemStatus.values()[i % 4]));
        }
        RewriteResult result = new DocumentRewriter(ParseOptions.defaults()).rewrite(path, content, changes);
        assertThat(result.notFound()).as(path).isEmpty();
        List<ActionItem> after =
                parser.parse(path, result.content()).postmortem().items();
        assertThat(after).hasSameSizeAs(items);
        // Every table with items in the corpus has a Status column, so every status shows.
        for (int i = 0; i < items.size(); i++) {
            assertThat(after.get(i).syncKey()).isEqualTo(items.get(i).syncKey());
            assertThat(after.get(i).ticket()).isEqualTo("OPS-" + (100 + i));
            assertThat(after.get(i).status()).as("%s item %d", path, i).isEqualTo(ItemStatus.values()[i % 4]);
        }
        assertThat(RewritePropertyTest.Lines.split(
                        new String(result.content(), java.nio.charset.StandardCharsets.UTF_8)))
                .hasSameSizeAs(
                        RewritePropertyTest.Lines.split(new String(content, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void corpusTotals() throws Exception {
        int files = 0;
        int items = 0;
        for (String path : documents().toList()) {
            int n = parse(path).postmortem().items().size();
            if (n > 0) {
                files++;
                items += n;
            }
        }
        assertThat(files)
                .isEqualTo((int) ITEMS.values().stream().filter(n -> n > 0).count());
        assertThat(items)
                .isEqualTo(ITEMS.values().stream().mapToInt(Integer::intValue).sum());
        System.out.println("corpus: " + files + " files with action items, " + items + " items in total");
    }

    private List<ItemStatus> statuses(String path) throws Exception {
        return parse(path).postmortem().items().stream().map(ActionItem::status).toList();
    }

    private long count(String path, ItemStatus status) throws Exception {
        return statuses(path).stream().filter(s -> s == status).count();
    }

    static byte[] read(Path path) throws IOException {
        return Files.readAllBytes(path);
    }
}
