package io.postmortemsync.tracker.jira;

import static io.postmortemsync.tracker.jira.CredentialsNeverLeakTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.postmortemsync.config.Secret;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.doctor.CheckResult;
import io.postmortemsync.doctor.CheckResult.Status;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.FakeJira.FakeUser;
import io.postmortemsync.fakejira.FakeJira.Mode;
import io.postmortemsync.fakejira.Fault;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ItemType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every doctor check, passing and failing, against the fake Jira. */
class JiraDoctorTest {

    final TestClock clock = TestClock.at("2025-04-16T08:00:00Z");
    FakeJira fake;

    /** Set by a test whose point is a request real Jira would refuse (a wrong base URL). */
    boolean expectsViolations;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
            if (!expectsViolations) {
                fake.assertNoViolations();
            }
        }
    }

    private FakeJira start(Mode mode) {
        fake = FakeJira.builder(mode).clock(clock).start();
        return fake;
    }

    private List<CheckResult> doctor(TrackerConfig tracker) {
        JiraTracker.Tuning tuning =
                Fixtures.tuning(new Fixtures.RecordingSleeper(clock)).withMaxAttempts(2);
        return new JiraDoctor(clock, tuning).check(config(tracker));
    }

    private static CheckResult named(List<CheckResult> results, String name) {
        return results.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check named \"" + name + "\" in " + results));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void aHealthyConfigurationPassesEveryCheck(Mode mode) {
        FakeJira fake = start(mode);
        String alice = mode == Mode.CLOUD ? "5b10ac8d82e05b22cc7d4ef5" : "alice";
        fake.user(FakeUser.of(alice, "Alice Smith", "alice@example.com"));
        Fixtures.ConfigBuilder config = Fixtures.config(fake)
                .user("@alice", mode == Mode.CLOUD ? alice : null, mode == Mode.CLOUD ? null : alice);

        List<CheckResult> results = doctor(config.build());

        assertThat(results)
                .extracting(CheckResult::name, CheckResult::status)
                .containsExactly(
                        tuple("Jira reachable", Status.PASS),
                        tuple("Deployment detected", Status.PASS),
                        tuple("Credentials accepted", Status.PASS),
                        tuple("Project OPS", Status.PASS),
                        tuple("Permissions in OPS", Status.PASS),
                        tuple("Issue type Task in OPS", Status.PASS),
                        tuple("Create screen OPS/Task", Status.PASS),
                        tuple("Required fields on OPS/Task", Status.PASS),
                        tuple("Link type Relates", Status.PASS),
                        tuple("User @alice", Status.PASS));
        assertThat(named(results, "Jira reachable").detail())
                .contains(mode == Mode.CLOUD ? "Jira Cloud 1001.0.0" : "Jira Data Center / Server 9.12.3");
        assertThat(named(results, "Credentials accepted").detail())
                .contains("authenticated as postmortem-sync bot <bot@example.com>");
        assertThat(named(results, "Create screen OPS/Task").detail())
                .isEqualTo("has labels, duedate, assignee, priority");
        assertThat(named(results, "User @alice").detail()).isEqualTo("-> Alice Smith");
        assertThat(results).allSatisfy(r -> assertThat(r.fix()).isNull());
        fake.assertNoViolations();
    }

    @Test
    void anUnreachableUrlFailsFirstAndStops() {
        FakeJira fake = start(Mode.CLOUD);
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.url = URI.create("http://127.0.0.1:1/");

        List<CheckResult> results = doctor(config.build());

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("Jira reachable");
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.detail()).contains("could not connect to 127.0.0.1");
            assertThat(r.fix()).contains("check tracker.url");
        });
    }

    @Test
    void aUrlWithoutTheContextPathIsNotJira() {
        fake = FakeJira.builder(Mode.DATACENTER)
                .clock(clock)
                .contextPath("/jira")
                .start();
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.url = URI.create(fake.url().toString().replace("/jira", "/"));
        expectsViolations = true;

        List<CheckResult> results = doctor(config.build());

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.detail()).contains("HTTP 404");
            assertThat(r.fix()).contains("https://jira.example.com/jira");
        });
    }

    @Test
    void serverErrorsAreNotReachable() {
        FakeJira fake = start(Mode.CLOUD);
        fake.inject(Operation.SERVER_INFO, Fault.status(503), 2);

        assertThat(doctor(Fixtures.config(fake).build())).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.fix()).contains("server errors");
        });
    }

    @Test
    void rejectedCredentialsFailWithWhatToCheck() {
        FakeJira fake = start(Mode.CLOUD);
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.auth = new TrackerConfig.AuthConfig("bot@example.com", Secret.of("revoked"), null);

        List<CheckResult> results = doctor(config.build());

        assertThat(results)
                .extracting(CheckResult::name, CheckResult::status)
                .containsExactly(
                        tuple("Jira reachable", Status.PASS),
                        tuple("Deployment detected", Status.FAIL),
                        tuple("Credentials accepted", Status.FAIL));
        assertThat(named(results, "Credentials accepted").fix()).contains("tracker.auth.apiToken", "id.atlassian.com");
    }

    @Test
    void aConfiguredDeploymentThatDoesNotMatchFails() {
        FakeJira fake = start(Mode.CLOUD);
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.deployment = TrackerConfig.Deployment.DATACENTER;

        CheckResult r = named(doctor(config.build()), "Deployment detected");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail())
                .contains("tracker.deployment is datacenter but the server reports deploymentType \"Cloud\"");
        assertThat(r.fix()).contains("auto");
    }

    @Test
    void cloudRefusesAPersonalAccessToken() {
        FakeJira fake = start(Mode.CLOUD);
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.auth = new TrackerConfig.AuthConfig(null, null, Secret.of("a-pat"));
        config.deployment = TrackerConfig.Deployment.CLOUD;

        CheckResult r = named(doctor(config.build()), "Credentials accepted");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).contains("does not accept a personal access token");
    }

    @Test
    void dataCenterWithAPasswordWorksButWarns() {
        FakeJira fake = start(Mode.DATACENTER);
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.auth = fake.passwordAuth();

        List<CheckResult> results = doctor(config.build());

        assertThat(named(results, "Credentials accepted").status()).isEqualTo(Status.PASS);
        assertThat(named(results, "Credential scheme").status()).isEqualTo(Status.WARN);
        assertThat(named(results, "Credential scheme").fix()).contains("personal access token");
    }

    @Test
    void projectsAndPermissions() {
        FakeJira fake = start(Mode.CLOUD);
        fake.project("SRE", "Site reliability").revokePermission("SRE", "CREATE_ISSUES");
        fake.project("NET", "Network").revokePermission("NET", "ASSIGN_ISSUES");
        Fixtures.ConfigBuilder config = Fixtures.config(fake)
                .route(ItemType.PREVENT, "Task", "NOPE", List.of(), null)
                .route(ItemType.DETECT, "Task", "SRE", List.of(), null)
                .route(ItemType.RESPOND, "Task", "NET", List.of(), null);

        List<CheckResult> results = doctor(config.build());

        assertThat(named(results, "Project OPS").status()).isEqualTo(Status.PASS);
        assertThat(named(results, "Project NOPE").status()).isEqualTo(Status.FAIL);
        assertThat(named(results, "Project NOPE").fix()).contains("tracker.types.*.project");
        assertThat(named(results, "Permissions in SRE").status()).isEqualTo(Status.FAIL);
        assertThat(named(results, "Permissions in SRE").detail()).contains("CREATE_ISSUES");
        assertThat(named(results, "Permissions in NET").status()).isEqualTo(Status.WARN);
        assertThat(named(results, "Permissions in NET").detail()).contains("ASSIGN_ISSUES");
        assertThat(results).noneMatch(r -> r.name().equals("Permissions in NOPE"));
        fake.assertNoViolations();
    }

    @Test
    void issueTypesAndCreateScreens() {
        FakeJira fake = start(Mode.CLOUD);
        fake.teamManagedProject("TM", "Team managed");
        fake.project("LAB", "Labels off").removeFromScreen("LAB", "Task", "labels");
        fake.requireField("OPS", "Bug", "customfield_10050", "Team");
        Fixtures.ConfigBuilder config = Fixtures.config(fake)
                .route(ItemType.PREVENT, "Task", "TM", List.of(), "High")
                .route(ItemType.DETECT, "Bug", "OPS", List.of(), "Urgent")
                .route(ItemType.RESPOND, "Story", "LAB", List.of(), null);
        config.project = "LAB";

        List<CheckResult> results = doctor(config.build());

        CheckResult teamManaged = named(results, "Create screen TM/Task");
        assertThat(teamManaged.status()).isEqualTo(Status.WARN);
        assertThat(teamManaged.detail())
                .contains("no Due date field", "no Priority field (tracker.types.prevent.priority High is not set)");
        CheckResult bug = named(results, "Create screen OPS/Bug");
        assertThat(bug.status()).isEqualTo(Status.FAIL);
        assertThat(bug.detail())
                .contains(
                        "priority \"Urgent\" (tracker.types.detect.priority) is not one of Highest, High, Medium, Low, Lowest");
        CheckResult required = named(results, "Required fields on OPS/Bug");
        assertThat(required.status()).isEqualTo(Status.FAIL);
        assertThat(required.detail()).contains("Team (customfield_10050)");
        CheckResult story = named(results, "Issue type Story in LAB");
        assertThat(story.status()).isEqualTo(Status.FAIL);
        assertThat(story.detail()).contains("available: Task, Bug, Sub-task");
        assertThat(story.fix()).contains("tracker.types.respond.issueType");
        fake.assertNoViolations();
    }

    @Test
    void aCreateScreenWithoutLabelsFails() {
        FakeJira fake = start(Mode.DATACENTER);
        fake.removeFromScreen("OPS", "Task", "labels");

        CheckResult r = named(doctor(Fixtures.config(fake).build()), "Create screen OPS/Task");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).contains("no Labels field (postmortem-sync finds its tickets by label)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void aCreateScreenWithoutAssigneeWarnsThatTicketsStayUnassigned(Mode mode) {
        FakeJira fake = start(mode);
        fake.removeFromScreen("OPS", "Task", "assignee");

        CheckResult r = named(doctor(Fixtures.config(fake).build()), "Create screen OPS/Task");

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.detail()).contains("no Assignee field (tickets stay unassigned)");
    }

    @Test
    void linkTypes() {
        FakeJira fake = start(Mode.CLOUD);
        Fixtures.ConfigBuilder config = Fixtures.config(fake);
        config.incidentLink = "Causes";
        CheckResult missing = named(doctor(config.build()), "Link type Causes");
        assertThat(missing.status()).isEqualTo(Status.FAIL);
        assertThat(missing.detail()).contains("available: Relates, Blocks, Duplicate");

        fake.disableIssueLinking();
        config.incidentLink = "Relates";
        CheckResult disabled = named(doctor(config.build()), "Link type Relates");
        assertThat(disabled.status()).isEqualTo(Status.FAIL);
        assertThat(disabled.fix()).contains("issue linking is disabled");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void mappedUsers(Mode mode) {
        FakeJira fake = start(mode);
        boolean cloud = mode == Mode.CLOUD;
        fake.user(FakeUser.of(cloud ? "5b10ac8d82e05b22cc7d4ef9" : "gone", "Gone Person", "gone@example.com")
                .deactivated());
        Fixtures.ConfigBuilder config = Fixtures.config(fake)
                .user("@ghost", cloud ? "5b10ac8d82e05b22cc7d4e00" : null, cloud ? null : "ghost")
                .user("@gone", cloud ? "5b10ac8d82e05b22cc7d4ef9" : null, cloud ? null : "gone")
                .user("@half", cloud ? null : "5b10ac8d82e05b22cc7d4e01", cloud ? "half" : null);

        List<CheckResult> results = doctor(config.build());

        assertThat(named(results, "User @ghost").status()).isEqualTo(Status.FAIL);
        assertThat(named(results, "User @ghost").fix()).contains("tracker.users.\"@ghost\"");
        assertThat(named(results, "User @gone").detail()).contains("deactivated");
        assertThat(named(results, "User @half").detail()).contains(cloud ? "no accountId given" : "no name given");
        fake.assertNoViolations();
    }

    @Test
    void withoutMappedUsersItSaysHowOwnersAreMatched() {
        FakeJira fake = start(Mode.CLOUD);
        CheckResult users = named(doctor(Fixtures.config(fake).build()), "Users");
        assertThat(users.status()).isEqualTo(Status.PASS);
        assertThat(users.detail()).contains("by exact e-mail address");
    }

    @Test
    void anOfflineTrackerHasNothingToCheckAndIncompleteSettingsFail() {
        TrackerConfig offline = new TrackerConfig(
                TrackerConfig.TrackerType.NONE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                Map.of(),
                List.of(),
                Map.of(),
                1);
        assertThat(doctor(offline))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Status.PASS));

        TrackerConfig noUrl = new TrackerConfig(
                TrackerConfig.TrackerType.JIRA,
                null,
                TrackerConfig.Deployment.AUTO,
                new TrackerConfig.AuthConfig(null, null, Secret.of("x")),
                "OPS",
                null,
                null,
                null,
                false,
                Map.of(),
                List.of(),
                Map.of(),
                1);
        assertThat(doctor(noUrl)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.detail()).isEqualTo("tracker.url is missing");
        });
    }
}
