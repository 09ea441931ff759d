package io.postmortemsync.fakejira;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a fresh {@link FakeJira} before each test and, after it, stops it and fails the test if
 * the fake saw anything real Jira would refuse (OpenAPI violations, removed endpoints, unexpected
 * requests).
 *
 * <pre>{@code
 * @RegisterExtension final FakeJiraExtension jira = FakeJiraExtension.cloud();
 * }</pre>
 */
public final class FakeJiraExtension implements BeforeEachCallback, AfterEachCallback {

    private final FakeJira.Builder builder;
    private FakeJira jira;

    private FakeJiraExtension(FakeJira.Builder builder) {
        this.builder = builder;
    }

    public static FakeJiraExtension cloud() {
        return new FakeJiraExtension(FakeJira.builder(FakeJira.Mode.CLOUD));
    }

    public static FakeJiraExtension dataCenter() {
        return new FakeJiraExtension(FakeJira.builder(FakeJira.Mode.DATACENTER));
    }

    /** For a clock or context path: {@code FakeJiraExtension.of(FakeJira.builder(CLOUD).clock(clock))}. */
    public static FakeJiraExtension of(FakeJira.Builder builder) {
        return new FakeJiraExtension(builder);
    }

    /** The fake of the running test. */
    public FakeJira get() {
        if (jira == null) {
            throw new IllegalStateException("the fake Jira runs only during a test");
        }
        return jira;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        jira = builder.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        FakeJira running = jira;
        jira = null;
        running.close();
        running.assertNoViolations();
    }
}
