package io.postmortemsync.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EchoEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postmortemsync.config.LoggingConfig;
import io.postmortemsync.config.LoggingConfig.Format;
import io.postmortemsync.config.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Each test uses its own LoggerContext with an appender named like logback.xml's, writing into a
 * buffer: the process's logging is never touched.
 */
class LoggingSetupTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    /** Stands for the console appender of logback.xml, which LoggingSetup must replace. */
    private final OutputStreamAppender<ILoggingEvent> initial = new OutputStreamAppender<>();

    private final ByteArrayOutputStream initialOutput = new ByteArrayOutputStream();

    LoggingSetupTest() {
        // The MDC adapter of the process, so that org.slf4j.MDC.put reaches events of this context.
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.start();
        initial.setName(LoggingSetup.APPENDER);
        initial.setContext(context);
        initial.setEncoder(new EchoEncoder<>());
        initial.setOutputStream(initialOutput);
        initial.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(initial);
    }

    @AfterEach
    void stop() {
        MDC.clear();
        context.stop();
    }

    private List<String> lines() {
        String text = output.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
    }

    private List<JsonNode> jsonLines() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void jsonGivesOneParseableObjectPerLineWithTheEventFields() throws IOException {
        LoggingSetup.apply(new LoggingConfig(Format.JSON, "info"), context, output);
        Logger log = context.getLogger("io.postmortemsync.sync.Reconciler");
        MDC.put("pass", "42");
        log.info("created {} tickets\nin one pass", 3);
        MDC.remove("pass");
        log.atWarn().addKeyValue("file", "postmortems/a.md").log("skipped");

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        List<JsonNode> events = jsonLines();
        JsonNode first = events.get(0);
        assertThat(first.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo("io.postmortemsync.sync.Reconciler");
        assertThat(first.get("thread").asText())
                .isEqualTo(Thread.currentThread().getName());
        assertThat(first.get("message").asText()).isEqualTo("created 3 tickets\nin one pass");
        assertThat(first.get("pass").asText()).isEqualTo("42");
        JsonNode second = events.get(1);
        assertThat(second.get("level").asText()).isEqualTo("WARN");
        assertThat(second.get("file").asText()).isEqualTo("postmortems/a.md");
        assertThat(second.has("pass")).isFalse();
    }

    @Test
    void jsonReportsAnExceptionByClassAndMessageWithoutFrames() throws IOException {
        LoggingSetup.apply(new LoggingConfig(Format.JSON, "info"), context, output);
        context.getLogger("x")
                .error(
                        "pass failed",
                        new IllegalStateException(
                                "tracker unreachable", new java.io.IOException("connection refused")));

        JsonNode exception = jsonLines().getFirst().get("exception");
        assertThat(exception.get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(exception.get("message").asText()).isEqualTo("tracker unreachable");
        assertThat(exception.get("causes").get(0).get("class").asText()).isEqualTo("java.io.IOException");
        assertThat(exception.get("causes").get(0).get("message").asText()).isEqualTo("connection refused");
        assertThat(exception.has("stackTrace")).isFalse();
    }

    @Test
    void jsonAtDebugLevelAddsTheStackTrace() throws IOException {
        LoggingSetup.apply(new LoggingConfig(Format.JSON, "debug"), context, output);
        context.getLogger("x").warn("retrying", new IllegalStateException("boom"));

        assertThat(jsonLines().getFirst().get("exception").get("stackTrace").asText())
                .contains("java.lang.IllegalStateException: boom", "at io.postmortemsync.logging.LoggingSetupTest");
    }

    @Test
    void anMdcKeyNeverOverwritesAnEventField() throws IOException {
        LoggingSetup.apply(new LoggingConfig(Format.JSON, "info"), context, output);
        MDC.put("message", "from mdc");
        context.getLogger("x").info("the real message");

        JsonNode event = jsonLines().getFirst();
        assertThat(event.get("message").asText()).isEqualTo("the real message");
        assertThat(event.get("mdc.message").asText()).isEqualTo("from mdc");
    }

    @Test
    void aSecretLoggedByMistakeShowsOnlyStarsInJsonAndText() throws IOException {
        Secret token = Secret.of("jira-token-value");
        LoggingSetup.apply(new LoggingConfig(Format.JSON, "info"), context, output);
        context.getLogger("x").info("token is {}", token);
        context.getLogger("x").atInfo().addKeyValue("token", token).log("kv");
        assertThat(jsonLines().get(0).get("message").asText()).isEqualTo("token is Secret[****]");
        assertThat(jsonLines().get(1).get("token").asText()).isEqualTo("Secret[****]");

        output.reset();
        LoggingSetup.apply(new LoggingConfig(Format.TEXT, "info"), context, output);
        context.getLogger("x").info("token is {}", token);
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("token is Secret[****]")
                .doesNotContain("jira-token-value");
    }

    @Test
    void textUsesThePatternOfLogbackXml() {
        LoggingSetup.apply(new LoggingConfig(Format.TEXT, "info"), context, output);
        context.getLogger("io.postmortemsync.sync.Reconciler").info("pass done");

        assertThat(lines())
                .singleElement()
                .asString()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[.+] "
                        + "i\\.p\\.sync\\.Reconciler - pass done");
    }

    @Test
    void theTextPatternIsTheOneInLogbackXml() throws IOException {
        // src/main/resources/logback.xml is the default before the configuration is read; keep them equal.
        try (InputStream in = LoggingSetup.class.getResourceAsStream("/logback.xml")) {
            assertThat(in).isNotNull();
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher pattern = Pattern.compile("<pattern>(.*)</pattern>").matcher(xml);
            assertThat(pattern.find()).isTrue();
            assertThat(pattern.group(1)).isEqualTo(LoggingSetup.TEXT_PATTERN);
        }
    }

    @Test
    void theLevelFiltersEvents() {
        LoggingSetup.apply(new LoggingConfig(Format.TEXT, "warn"), context, output);
        Logger log = context.getLogger("x");
        log.info("hidden");
        log.warn("shown");
        assertThat(lines()).singleElement().asString().endsWith("shown");

        output.reset();
        LoggingSetup.apply(new LoggingConfig(Format.TEXT, "debug"), context, output);
        log.debug("now shown");
        assertThat(lines()).singleElement().asString().endsWith("now shown");
    }

    @Test
    void otherAppendersAndLoggerLevelsAreLeftAlone() {
        Logger jgit = context.getLogger("org.eclipse.jgit");
        jgit.setLevel(ch.qos.logback.classic.Level.WARN);
        ch.qos.logback.core.read.ListAppender<ILoggingEvent> other = new ch.qos.logback.core.read.ListAppender<>();
        other.setName("test");
        other.setContext(context);
        other.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(other);

        LoggingSetup.apply(new LoggingConfig(Format.JSON, "debug"), context, output);
        jgit.info("chatty");
        context.getLogger("x").debug("kept");

        assertThat(other.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("kept");
        assertThat(jgit.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
    }

    @Test
    void theConsoleAppenderOfLogbackXmlIsReplacedNotDoubled() {
        LoggingSetup.apply(new LoggingConfig(Format.JSON, "info"), context, output);
        context.getLogger("x").info("once");

        assertThat(initialOutput.size()).isZero();
        assertThat(initial.isStarted()).isFalse();
        assertThat(lines()).hasSize(1);
        List<ch.qos.logback.core.Appender<ILoggingEvent>> appenders = new ArrayList<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).extracting(ch.qos.logback.core.Appender::getName).containsExactly(LoggingSetup.APPENDER);
    }

    @Test
    void withoutASinkTheConsoleAppenderWritesToStderr() {
        LoggingSetup.apply(new LoggingConfig(Format.TEXT, "error"), context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender(LoggingSetup.APPENDER))
                .isInstanceOfSatisfying(
                        ConsoleAppender.class,
                        console -> assertThat(console.getTarget()).isEqualTo("System.err"));
        assertThat(root.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
    }
}
