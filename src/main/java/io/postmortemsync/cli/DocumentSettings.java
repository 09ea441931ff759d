package io.postmortemsync.cli;

import io.postmortemsync.config.Config;
import io.postmortemsync.daemon.Application;
import io.postmortemsync.postmortem.markdown.ParseOptions;
import java.time.ZoneId;

/**
 * How {@code validate} and {@code items} read documents. They need no configuration file; when
 * one is named (--config or $POSTMORTEM_SYNC_CONFIG) they read documents exactly as the daemon
 * does: its {@code defaults.type}, its tracker's links and project keys, and "today" in
 * {@code sync.timezone}.
 */
record DocumentSettings(ParseOptions parseOptions, ZoneId zone) {

    static DocumentSettings of(PostmortemSyncCommand root) {
        if (root == null || root.configFile() == null) {
            return new DocumentSettings(ParseOptions.defaults(), ZoneId.systemDefault());
        }
        Config config = root.loadConfig(); // a bad file ends the command with exit 2 and every problem
        return new DocumentSettings(
                Application.parseOptions(config), config.sync().timezone());
    }
}
