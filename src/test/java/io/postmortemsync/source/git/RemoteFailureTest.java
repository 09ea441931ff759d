package io.postmortemsync.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class RemoteFailureTest {

    @Test
    void aPortNumberIsNotMistakenForAnHttpStatus() throws Exception {
        TransportException e = new TransportException(
                new URIish("https://git.example.com:40140/repo.git"),
                "connection failed",
                new ConnectException("Connection refused"));

        RemoteFailure failure = RemoteFailure.classify(e, List.of());

        assertThat(failure).isEqualTo(new RemoteFailure(RemoteFailure.Kind.UNREACHABLE, "Connection refused"));
    }

    @Test
    void secretsAndUserInfoAreScrubbedFromTheDetail() {
        RuntimeException e =
                new RuntimeException("https://bot:hunter2@git.example.com/repo.git said: token hunter2 is invalid");

        RemoteFailure failure = RemoteFailure.classify(e, List.of("hunter2"));

        assertThat(failure.detail()).isEqualTo("https://git.example.com/repo.git said: token **** is invalid");
    }

    @Test
    void aScrubbedCopyKeepsTheStackButNotTheSecret() {
        Exception original =
                new IllegalStateException("https://bot:hunter2@host/x: nope", new RuntimeException("hunter2 again"));

        Throwable copy = Redaction.scrubbed(original, List.of("hunter2"));

        assertThat(copy.toString()).isEqualTo("java.lang.IllegalStateException: https://host/x: nope");
        assertThat(copy.getCause().toString()).isEqualTo("java.lang.RuntimeException: **** again");
        assertThat(copy.getStackTrace()).isEqualTo(original.getStackTrace());
    }
}
