package io.postmortemsync.source.git;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures log events of all loggers (JGit and sshd included) down to the given level, with
 * their throwable chains, so tests can assert what was said and that no secret was.
 */
final class LogCapture implements AutoCloseable {

    private static final List<String> LOGGERS =
            List.of(Logger.ROOT_LOGGER_NAME, "org.eclipse.jgit", "org.apache.sshd", "io.postmortemsync");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> previous = new java.util.HashMap<>();

    /** INFO and up: what an operator sees by default. */
    LogCapture() {
        this(Level.INFO);
    }

    LogCapture(Level level) {
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previous.put(logger, logger.getLevel());
            logger.setLevel(level);
        }
        // JGit's local storage internals log every file stat at DEBUG (tens of thousands of lines
        // per test); they never see a URL or a credential, so they stay at INFO.
        Logger storage = (Logger) LoggerFactory.getLogger("org.eclipse.jgit.internal.storage.file");
        previous.put(storage, storage.getLevel());
        storage.setLevel(Level.INFO);
    }

    /** Every event as text: level, logger, message and the messages of its throwable chain. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            StringBuilder line = new StringBuilder(
                    event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    String all() {
        return String.join("\n", lines());
    }

    List<String> at(Level level, String loggerPrefix) {
        return appender.list.stream()
                .filter(e -> e.getLevel().equals(level) && e.getLoggerName().startsWith(loggerPrefix))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Override
    public void close() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        previous.forEach(Logger::setLevel);
        appender.stop();
    }
}
