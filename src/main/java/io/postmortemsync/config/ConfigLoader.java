package io.postmortemsync.config;

import io.postmortemsync.postmortem.ItemType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads and validates the YAML configuration (DESIGN.md §5, {@code config.example.yaml}).
 *
 * <ul>
 *   <li><code>${VAR}</code> and <code>${VAR:-default}</code> in values come from the environment;
 *       <code>$${</code> is a literal <code>${</code>.
 *   <li>A secret (and an email or user name) may instead be read from a file: {@code apiTokenFile},
 *       {@code tokenFile}, {@code passwordFile}, {@code emailFile}, {@code usernameFile}.
 *   <li>Relative paths resolve against the configuration file's folder, not the working
 *       directory, so the same file works wherever the daemon is started.
 *   <li>Unknown keys, wrong types and impossible values are errors naming their key path and line;
 *       all of them are collected into one {@link ConfigException}.
 * </ul>
 */
public final class ConfigLoader {

    /** A configuration file larger than this is not a configuration file. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEFAULT_FULL_RESYNC_INTERVAL = Duration.ofHours(1);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final int DEFAULT_PORT = 9464;

    private ConfigLoader() {}

    /** Loads {@code file} with the process environment. */
    public static Config load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * Loads {@code file}, taking {@code ${VAR}} values from {@code env}.
     *
     * @throws ConfigException listing every problem, when there is any
     */
    public static Config load(Path file, Map<String, String> env) {
        Problems problems = new Problems();
        LoadContext ctx = new LoadContext(file.toAbsolutePath().normalize().getParent(), Map.copyOf(env), problems);
        Config config = read(file, problems).flatMap(text -> parse(text, ctx)).orElse(null);
        if (!problems.isEmpty() || config == null) {
            throw new ConfigException(file, problems.sorted());
        }
        return config;
    }

    private static Optional<String> read(Path file, Problems problems) {
        try {
            if (Files.isDirectory(file)) {
                problems.ofFile(0, "is a folder, not a configuration file");
                return Optional.empty();
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.ofFile(0, "is larger than 1 MiB: not a configuration file, is it the right one?");
                return Optional.empty();
            }
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            problems.ofFile(0, "is not UTF-8 text");
            return Optional.empty();
        } catch (IOException e) {
            problems.ofFile(0, "cannot be read (" + FileErrors.describe(e) + ")");
            return Optional.empty();
        }
    }

    private static Optional<Config> parse(String text, LoadContext ctx) {
        Problems problems = ctx.problems();
        Optional<YamlNode> root = YamlParsing.parse(text, problems);
        if (root.isEmpty() || (root.get() instanceof YamlNode.Scalar s && s.isNull())) {
            if (problems.isEmpty()) {
                problems.ofFile(
                        0,
                        "is empty: write at least one section (source, tracker, defaults, sync, server,"
                                + " logging); config.example.yaml shows every key");
            }
            return Optional.empty();
        }
        if (!(root.get() instanceof YamlNode.Mapping mapping)) {
            problems.ofFile(
                    root.get().line(),
                    "must be a mapping of sections (source:, tracker:, sync:, ...) at the top" + " level, not "
                            + root.get().kind());
            return Optional.empty();
        }
        Section top = Section.of(ctx, "", mapping);
        SourceConfig source = SourceSettings.read(top.field("source").section(), ctx);
        TrackerConfig tracker = TrackerSettings.read(top.field("tracker").section());
        DefaultsConfig defaults = defaults(top.field("defaults").section());
        SyncConfig sync = sync(top.field("sync").section());
        ServerConfig server = server(top.field("server").section());
        LoggingConfig logging = logging(top.field("logging").section());
        top.rejectUnknownKeys();
        return Optional.of(new Config(source, tracker, defaults, sync, server, logging));
    }

    private static DefaultsConfig defaults(Section defaults) {
        ItemType type = defaults.field("type").choice(ItemType.PREVENT, ItemType.class);
        defaults.rejectUnknownKeys();
        return new DefaultsConfig(type);
    }

    private static SyncConfig sync(Section sync) {
        Duration interval = sync.field("interval").duration(DEFAULT_INTERVAL, MIN_INTERVAL);
        Duration fullResync = sync.field("fullResyncInterval").duration(DEFAULT_FULL_RESYNC_INTERVAL, MIN_INTERVAL);
        ZoneId zone = zone(sync.field("timezone"));
        boolean writeBack = sync.field("writeBack").bool(true);
        sync.rejectUnknownKeys();
        return new SyncConfig(interval, fullResync, zone, writeBack);
    }

    private static ZoneId zone(Field field) {
        Optional<Text> text = field.text("a time zone like UTC or Europe/Berlin");
        if (text.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text.get().value().strip());
        } catch (DateTimeException e) {
            field.problem("must be a time zone like UTC, Europe/Berlin or America/New_York"
                    + text.get().got());
            return ZoneOffset.UTC;
        }
    }

    private static ServerConfig server(Section server) {
        int port = server.field("port").integer(DEFAULT_PORT, 0, 65535);
        server.rejectUnknownKeys();
        return new ServerConfig(port);
    }

    private static LoggingConfig logging(Section logging) {
        LoggingConfig.Format format =
                logging.field("format").choice(LoggingConfig.Format.TEXT, LoggingConfig.Format.class);
        Map<String, String> levels = new LinkedHashMap<>();
        for (String level : new String[] {"trace", "debug", "info", "warn", "error"}) {
            levels.put(level, level);
        }
        String level = logging.field("level").choice("info", levels);
        logging.rejectUnknownKeys();
        return new LoggingConfig(format, level);
    }
}
