package io.postmortemsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.FakeJiraExtension;
import io.postmortemsync.fakejira.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync} from the command line with {@code source.type: git}: the configuration file, the
 * production connectors (JGit and the Jira adapter), a bare repository as the remote.
 */
class GitSyncCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeJiraExtension jira = FakeJiraExtension.cloud();

    private static final String DOCUMENT = """
            # Incident Postmortem: Payment service errors

            ## Incident Summary
            - **Incident ID**: INC-2025-042
            - **Severity**: P1

            ## Action Items
            | Action | Type | Owner | Due Date | Status |
            |--------|------|-------|----------|--------|
            | Increase default connection pool size | Prevent | @alice | 2025-04-15 | Not Started |
            | Add monitoring for connection pool utilization | Detect | @bob | 2025-04-20 | Not Started |
            """;

    private Path remote() throws Exception {
        Path bare = dir.resolve("remote.git");
        Git.init()
                .setBare(true)
                .setDirectory(bare.toFile())
                .setInitialBranch("main")
                .call()
                .close();
        Path seed = dir.resolve("seed");
        try (Git git =
                Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(seed.resolve("postmortems"));
            Files.writeString(seed.resolve("postmortems/2025-04-10-payments.md"), DOCUMENT);
            git.add().addFilepattern("postmortems").call();
            PersonIdent alice = new PersonIdent("Alice", "alice@example.com");
            git.commit()
                    .setMessage("Payments postmortem")
                    .setAuthor(alice)
                    .setCommitter(alice)
                    .setSign(false)
                    .call();
            git.push().setRemote(bare.toUri().toString()).add("main").call();
        }
        return bare;
    }

    private static List<RevCommit> history(Path bare) throws Exception {
        try (Git git = Git.open(bare.toFile())) {
            List<RevCommit> commits = new ArrayList<>();
            git.log().call().forEach(commits::add);
            return commits;
        }
    }

    @Test
    void syncWithAGitSourceCreatesTheTicketsAndPushesOneCommitThenNothing() throws Exception {
        Path bare = remote();
        FakeJira fake = jira.get();
        fake.user(FakeJira.FakeUser.of("acc-alice", "Alice", "alice@example.com"));
        fake.user(FakeJira.FakeUser.of("acc-bob", "Bob", "bob@example.com"));
        Files.writeString(dir.resolve("token"), fake.secretValue());
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                source:
                  type: git
                  path: postmortems
                  git:
                    url: %s
                    author: {name: postmortem-sync, email: postmortem-sync@acme.example}
                    workdir: state/repo
                tracker:
                  url: %s
                  auth: {email: %s, apiTokenFile: token}
                  project: OPS
                  remoteLinks: false
                  users: {"@alice": {accountId: acc-alice}, "@bob": {accountId: acc-bob}}
                """.formatted(
                        bare.toUri(), fake.url(), fake.auth().email()));

        CommandRun first = CommandRun.of("--config", config.toString(), "sync", "--format", "json");

        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(first.out());
        assertThat(json.get("summary").get("created").asInt()).isEqualTo(2);
        assertThat(json.get("summary").get("writtenBack").asInt()).isEqualTo(2);
        assertThat(json.get("errors")).isEmpty();
        List<RevCommit> history = history(bare);
        assertThat(history).hasSize(2);
        assertThat(history.getFirst().getFullMessage()).isEqualTo("""
                postmortem-sync: write back 2 changes to 1 postmortem

                OPS-1: ticket key added (postmortems/2025-04-10-payments.md)
                OPS-2: ticket key added (postmortems/2025-04-10-payments.md)
                """);
        assertThat(history.getFirst().getAuthorIdent().getEmailAddress()).isEqualTo("postmortem-sync@acme.example");
        assertThat(dir.resolve("state/repo/postmortems/2025-04-10-payments.md"))
                .content()
                .contains("[OPS-1](", "[OPS-2](");

        // A second process: it reuses the clone, finds the keys, creates and pushes nothing.
        CommandRun second = CommandRun.of("--config", config.toString(), "sync", "--format", "json");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(new ObjectMapper()
                        .readTree(second.out())
                        .get("summary")
                        .get("created")
                        .asInt())
                .isZero();
        assertThat(fake.count(Operation.CREATE)).isEqualTo(1);
        assertThat(history(bare)).hasSize(2);
        assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(fake.secretValue());
    }
}
