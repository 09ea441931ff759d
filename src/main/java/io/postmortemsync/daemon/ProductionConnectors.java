package io.postmortemsync.daemon;

import io.postmortemsync.config.Config;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.source.git.GitDocumentSource;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerRequestObserver;

/** The real sources and trackers, chosen by {@code source.type} and {@code tracker.type}. */
public final class ProductionConnectors implements Application.Connectors {

    public static final ProductionConnectors INSTANCE = new ProductionConnectors();

    private ProductionConnectors() {}

    @Override
    public DocumentSource openSource(Config config) throws SourceException {
        return switch (config.source().type()) {
            case GIT -> new GitDocumentSource(config.source());
            case DIRECTORY -> throw new SourceException("TEMPORARY: the directory source lands with the documents work");
        };
    }

    @Override
    public Tracker openTracker(Config config, TrackerRequestObserver requests) throws TrackerException {
        throw new TrackerException(TrackerException.Kind.PERMISSION, "TEMPORARY: the Jira adapter lands with the Jira work");
    }
}
