package io.postmortemsync.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.postmortemsync.config.LoggingConfig;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging:} from the configuration to Logback at run time: text lines for people
 * (the pattern of {@code logback.xml}) or JSON lines for log pipelines, and the level.
 *
 * <p>Only the console appender named {@value #APPENDER} (the one {@code logback.xml} declares) is
 * replaced; other appenders and the levels of individual loggers (jgit and okhttp are kept at
 * WARN) stay as they are. Logs always go to stderr, so stdout carries only command output.
 */
public final class LoggingSetup {

    /** The appender {@code logback.xml} declares; its encoder is replaced. */
    public static final String APPENDER = "STDERR";

    /** The text pattern; the same as {@code logback.xml}'s, which a test keeps in step. */
    public static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n";

    private LoggingSetup() {}

    /** Applies {@code config} to the process's Logback. */
    public static void apply(LoggingConfig config) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            apply(config, context);
        }
        // Another SLF4J binding (an embedding application's): its logging is its own business.
    }

    /** Applies {@code config} to {@code context}: the level of the root logger and the console encoder. */
    public static void apply(LoggingConfig config, LoggerContext context) {
        apply(config, context, null);
    }

    /** As {@link #apply(LoggingConfig, LoggerContext)}, writing to {@code sink} instead of stderr (tests). */
    static void apply(LoggingConfig config, LoggerContext context, OutputStream sink) {
        Level level = Level.toLevel(config.level().toUpperCase(Locale.ROOT), Level.INFO);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

        Encoder<ILoggingEvent> encoder = switch (config.format()) {
            case TEXT -> textEncoder(context);
            // Stack frames are noise in a log pipeline, except when someone is debugging.
            case JSON -> new JsonLineEncoder(!level.isGreaterOrEqual(Level.INFO));
        };
        encoder.setContext(context);
        encoder.start();

        OutputStreamAppender<ILoggingEvent> appender;
        if (sink == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            appender = new OutputStreamAppender<>();
        }
        appender.setName(APPENDER);
        appender.setContext(context);
        appender.setEncoder(encoder);
        if (sink != null) {
            appender.setOutputStream(sink);
        }
        appender.start();

        // A new appender replaces the old one, rather than swapping the encoder of a running
        // appender: added first and the old one detached after, so no event is lost in between.
        Appender<ILoggingEvent> previous = root.getAppender(APPENDER);
        root.addAppender(appender);
        if (previous != null) {
            root.detachAppender(previous);
            previous.stop();
        }
        root.setLevel(level);
    }

    private static PatternLayoutEncoder textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.setCharset(StandardCharsets.UTF_8);
        return encoder;
    }
}
