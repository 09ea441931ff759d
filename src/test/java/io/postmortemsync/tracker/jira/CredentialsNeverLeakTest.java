package io.postmortemsync.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.postmortemsync.config.Config;
import io.postmortemsync.config.DefaultsConfig;
import io.postmortemsync.config.LoggingConfig;
import io.postmortemsync.config.Secret;
import io.postmortemsync.config.ServerConfig;
import io.postmortemsync.config.SourceConfig;
import io.postmortemsync.config.SyncConfig;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.doctor.CheckResult;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.FakeJira.Mode;
import io.postmortemsync.fakejira.Fault;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.fakejira.TestClock;
import io.postmortemsync.postmortem.ItemType;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.TrackerException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Runs the adapter and the doctor through success and every kind of failure with logging at
 * TRACE (headers included) and checks that no log line, exception message, result message or
 * {@code toString()} contains a credential, in clear or base64.
 */
class CredentialsNeverLeakTest {

    final TestClock clock = TestClock.at("2025-04-16T08:00:00Z");
    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    final List<String> texts = new ArrayList<>();
    Logger root;
    Level rootLevel;

    @BeforeEach
    void captureEverything() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restore() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void noCredentialAppearsAnywhere(Mode mode) throws Exception {
        String wrongSecret = "wrong-secret-" + mode.name().toLowerCase(Locale.ROOT);
        try (FakeJira fake = FakeJira.builder(mode).clock(clock).start()) {
            TrackerConfig good = Fixtures.config(fake).build();
            Fixtures.ConfigBuilder badBuilder = Fixtures.config(fake);
            badBuilder.auth = mode == Mode.CLOUD
                    ? new TrackerConfig.AuthConfig(fake.auth().email(), Secret.of(wrongSecret), null)
                    : new TrackerConfig.AuthConfig(null, null, Secret.of(wrongSecret));
            TrackerConfig bad = badBuilder.build();
            texts.add(good.toString());
            texts.add(bad.toString());

            JiraTracker.Tuning tuning =
                    Fixtures.tuning(new Fixtures.RecordingSleeper(clock)).withMaxAttempts(2);
            try (JiraTracker tracker = JiraTracker.create(good, new Fixtures.CountingObserver(), clock, tuning)) {
                fake.inject(Operation.SEARCH, Fault.rateLimited(1), 3);
                fake.inject(Operation.CREATE, Fault.status(500));
                run(() -> tracker.findUpdatedSince(Instant.EPOCH));
                run(() -> results(tracker.create(Fixtures.tickets("INC-L", 2))));
                run(() -> results(tracker.create(
                        List.of(Fixtures.ticket("INC-L", "owned", ItemType.PREVENT, "nobody@example.com", null)))));
                run(() -> tracker.read(List.of("OPS-1", "OPS-999")));
                run(() -> tracker.linkToIncident("OPS-1", "OPS-404"));
            }
            try (JiraTracker tracker = JiraTracker.create(bad, new Fixtures.CountingObserver(), clock, tuning)) {
                run(tracker::deployment);
                run(() -> results(tracker.create(Fixtures.tickets("INC-L", 1))));
            }
            for (TrackerConfig config : List.of(good, bad)) {
                for (CheckResult r : new JiraDoctor(clock, tuning).check(config(config))) {
                    texts.add(r.toString());
                }
            }
            String secret = fake.secretValue();
            List<String> forbidden = new ArrayList<>(List.of(secret, wrongSecret));
            if (mode == Mode.CLOUD) {
                // Basic credentials travel as base64(email:token): that must not show either.
                forbidden.add(base64(fake.auth().email() + ":" + secret));
                forbidden.add(base64(fake.auth().email() + ":" + wrongSecret));
            }

            List<String> logged =
                    appender.list.stream().map(CredentialsNeverLeakTest::render).toList();
            assertThat(logged)
                    .as("something was logged at trace, headers included")
                    .anyMatch(l -> l.contains("Authorization: ██"));
            assertThat(texts).isNotEmpty();
            for (String f : forbidden) {
                assertThat(logged).noneMatch(l -> l.contains(f));
                assertThat(texts).noneMatch(t -> t.contains(f));
            }
            fake.assertNoViolations();
        }
    }

    private void results(List<CreateResult> results) {
        results.forEach(r -> texts.add(r instanceof CreateResult.Failed f ? f.message() : r.toString()));
    }

    private void run(Action action) {
        try {
            action.run();
        } catch (TrackerException e) {
            texts.add(e.getMessage());
            texts.add(e.toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String render(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return b.toString();
    }

    static Config config(TrackerConfig tracker) {
        return new Config(
                new SourceConfig(
                        SourceConfig.SourceType.DIRECTORY,
                        Path.of("postmortems"),
                        List.of("**/*.md"),
                        List.of(),
                        null,
                        null),
                tracker,
                new DefaultsConfig(ItemType.PREVENT),
                new SyncConfig(Duration.ofMinutes(5), Duration.ofHours(1), ZoneOffset.UTC, true),
                new ServerConfig(0),
                new LoggingConfig(LoggingConfig.Format.TEXT, "info"));
    }
}
