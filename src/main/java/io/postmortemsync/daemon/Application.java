package io.postmortemsync.daemon;

import io.postmortemsync.config.Config;
import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.postmortem.markdown.ParseOptions;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.sync.DocumentFormat;
import io.postmortemsync.sync.SyncEngine;
import io.postmortemsync.sync.SyncObserver;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerRequestObserver;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object graph of a sync, built from a {@link Config}: the document source, the tracker (none
 * in offline mode), the Markdown format and the engine. {@code plan}, {@code sync} and {@code run}
 * all start here, so {@code Main} stays a one-liner. Closing it closes the source and the tracker.
 */
public final class Application implements AutoCloseable {

    /** Opens the parts that talk to the outside world; {@link ProductionConnectors} in the product. */
    public interface Connectors {
        /** The document source of {@code source.type}. Must not need the network to be created. */
        DocumentSource openSource(Config config) throws SourceException;

        /** The tracker of {@code tracker.type} (called only when it is not {@code none}). */
        Tracker openTracker(Config config, TrackerRequestObserver requests, Clock clock) throws TrackerException;
    }

    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Config config;
    private final DocumentSource source;
    private final Tracker tracker;
    private final SyncEngine engine;

    private Application(Config config, DocumentSource source, Tracker tracker, SyncEngine engine) {
        this.config = config;
        this.source = source;
        this.tracker = tracker;
        this.engine = engine;
    }

    /**
     * How documents are read under this configuration: the default type, and the tracker's URL
     * and project keys, so that links and bare keys of this tracker are recognised as tickets.
     */
    public static ParseOptions parseOptions(Config config) {
        TrackerConfig tracker = config.tracker();
        if (tracker.isOffline()) {
            return new ParseOptions(config.defaults().type(), null);
        }
        Set<String> projects = new HashSet<>();
        if (tracker.project() != null) {
            projects.add(tracker.project());
        }
        tracker.types().values().forEach(route -> {
            if (route.project() != null) {
                projects.add(route.project());
            }
        });
        String url = tracker.url() == null ? null : tracker.url().toString();
        return new ParseOptions(config.defaults().type(), url, projects);
    }

    /**
     * @param observer told about every pass (metrics and health), {@link SyncObserver#NONE} for one-shot commands
     * @param requests told about every tracker request (metrics)
     */
    public static Application open(
            Config config, Connectors connectors, SyncObserver observer, TrackerRequestObserver requests, Clock clock)
            throws SourceException, TrackerException {
        Objects.requireNonNull(config, "config");
        DocumentSource source = connectors.openSource(config);
        Tracker tracker = null;
        try {
            if (!config.tracker().isOffline()) {
                tracker = connectors.openTracker(config, requests, clock);
            }
            DocumentFormat format = DocumentFormat.markdown(parseOptions(config));
            SyncEngine engine = new SyncEngine(
                    new SyncEngine.Parts(source, tracker, format, config.tracker(), config.sync(), observer, clock));
            log.atInfo()
                    .addKeyValue("source", source.describe())
                    .addKeyValue(
                            "tracker",
                            config.tracker().isOffline()
                                    ? "none"
                                    : config.tracker().url().toString())
                    .log(
                            "documents from {}; {}",
                            source.describe(),
                            config.tracker().isOffline()
                                    ? "offline: no tracker calls"
                                    : "tracker " + config.tracker().url());
            return new Application(config, source, tracker, engine);
        } catch (RuntimeException | TrackerException e) {
            closeQuietly(source, tracker);
            throw e;
        }
    }

    public Config config() {
        return config;
    }

    public SyncEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        closeQuietly(source, tracker);
    }

    private static void closeQuietly(DocumentSource source, Tracker tracker) {
        if (tracker != null) {
            try {
                tracker.close();
            } catch (RuntimeException e) {
                log.warn("closing the tracker failed: {}", e.getMessage());
            }
        }
        try {
            source.close();
        } catch (SourceException | RuntimeException e) {
            log.warn("closing {} failed: {}", source.describe(), e.getMessage());
        }
    }
}
