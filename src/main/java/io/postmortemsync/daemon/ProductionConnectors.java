package io.postmortemsync.daemon;

import io.postmortemsync.config.Config;
import io.postmortemsync.config.SourceConfig;
import io.postmortemsync.source.DirectoryDocumentSource;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.git.GitDocumentSource;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerRequestObserver;
import io.postmortemsync.tracker.jira.JiraTracker;
import java.time.Clock;

/** The real sources and trackers, chosen by {@code source.type} and {@code tracker.type}. */
public final class ProductionConnectors implements Application.Connectors {

    public static final ProductionConnectors INSTANCE = new ProductionConnectors();

    private ProductionConnectors() {}

    @Override
    public DocumentSource openSource(Config config) {
        SourceConfig source = config.source();
        return switch (source.type()) {
            case DIRECTORY ->
                new DirectoryDocumentSource(source.path(), source.include(), source.exclude(), source.linkTemplate());
            case GIT -> new GitDocumentSource(source);
        };
    }

    @Override
    public Tracker openTracker(Config config, TrackerRequestObserver requests, Clock clock) {
        return switch (config.tracker().type()) {
            case JIRA -> JiraTracker.create(config.tracker(), requests, clock);
            case NONE -> throw new IllegalStateException("no tracker is opened in offline mode");
        };
    }
}
