package io.postmortemsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/** A tracker call that ran on another thread fails for its caller exactly as it failed there. */
class TrackerExceptionTest {

    @Test
    void aTrackerFailureKeepsItsKindAndMessage() {
        TrackerException thrown = new TrackerException(TrackerException.Kind.PERMISSION, "the API token was refused");
        assertThatThrownBy(() -> TrackerException.await(CompletableFuture.failedFuture(thrown), "Jira"))
                .isSameAs(thrown);
    }

    @Test
    void uncheckedFailuresAreRethrownAsTheyAre() {
        IllegalArgumentException bug = new IllegalArgumentException("bad chunk size");
        assertThatThrownBy(() -> TrackerException.await(CompletableFuture.failedFuture(bug), "Jira"))
                .isSameAs(bug);
        OutOfMemoryError error = new OutOfMemoryError("heap");
        assertThatThrownBy(() -> TrackerException.await(CompletableFuture.failedFuture(error), "Jira"))
                .isSameAs(error);
    }

    @Test
    void anotherCheckedFailureIsABugAndSaysWhatItWas() {
        FutureTask<String> task = new FutureTask<>(() -> {
            throw new IOException("disk gone");
        });
        task.run();
        assertThatThrownBy(() -> TrackerException.await(task, "Jira"))
                .isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("disk gone");
    }

    @Test
    void anInterruptedWaitIsTransientNamesWhatItWaitedForAndKeepsTheInterrupt() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> TrackerException.await(never, "the listing of the daemon's tickets"))
                    .isInstanceOfSatisfying(TrackerException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TrackerException.Kind.TRANSIENT);
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e).hasMessage("interrupted while waiting for the listing of the daemon's tickets");
                    });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(never).isCancelled();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aResultComesBackUntouched() throws TrackerException {
        assertThat(TrackerException.await(CompletableFuture.completedFuture("OPS-1"), "Jira"))
                .isEqualTo("OPS-1");
    }
}
