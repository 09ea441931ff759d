package io.postmortemsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postmortemsync.fakejira.FakeJira;
import io.postmortemsync.fakejira.Operation;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.SyncKey;
import io.postmortemsync.postmortem.markdown.ItemChange;
import io.postmortemsync.postmortem.markdown.RewriteResult;
import io.postmortemsync.source.DocumentSource;
import io.postmortemsync.source.SourceException;
import io.postmortemsync.tracker.CreateResult;
import io.postmortemsync.tracker.NewTicket;
import io.postmortemsync.tracker.Ticket;
import io.postmortemsync.tracker.Tracker;
import io.postmortemsync.tracker.TrackerException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Benchmark instrumentation, not part of the product: where the time of a pass goes. Decorators
 * around the engine's parts (source, document format, tracker) record when each call ran; the
 * fake Jira's request log adds when each HTTP request reached the fake and when its answer was
 * ready. {@link #summary} turns both into a small JSON timeline, in milliseconds from the start of
 * the pass.
 */
final class PassTimeline {

    /** @param cpu CPU time of the calling thread during the call; -1 when not measurable (virtual threads) */
    private record Span(String lane, long start, long end, long cpu) {
        Span(String lane, long start, long end) {
            this(lane, start, end, -1);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static long threadCpu() {
        return Thread.currentThread().isVirtual() ? -1 : THREADS.getCurrentThreadCpuTime();
    }

    @FunctionalInterface
    private interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final Queue<Span> spans = new ConcurrentLinkedQueue<>();
    private volatile long origin = System.nanoTime();

    /** Forgets what was recorded; times count from now. */
    void start() {
        spans.clear();
        origin = System.nanoTime();
    }

    private <T, E extends Exception> T time(String lane, Work<T, E> work) throws E {
        long cpu = threadCpu();
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            long end = System.nanoTime();
            long cpuEnd = cpu < 0 ? -1 : threadCpu();
            spans.add(new Span(lane, start, end, cpu < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpu));
        }
    }

    /**
     * The timeline since {@link #start}: per lane the number of calls, the first start, the last end
     * and the time spent in them (summed over threads); per HTTP operation the same as the fake saw
     * it (latency included), and how many requests were in flight on average while creates ran.
     */
    ObjectNode summary(List<FakeJira.LoggedRequest> requests, Duration latency) {
        ObjectNode out = new ObjectMapper().createObjectNode();
        Map<String, List<Span>> byLane = new TreeMap<>();
        spans.forEach(
                s -> byLane.computeIfAbsent(s.lane(), k -> new ArrayList<>()).add(s));
        ObjectNode engine = out.putObject("engineCalls");
        byLane.forEach((lane, list) -> engine.set(lane, lane(list)));

        ObjectNode http = out.putObject("httpAtFake");
        Map<Operation, List<Span>> byOp = new TreeMap<>();
        long lat = latency.toNanos();
        for (FakeJira.LoggedRequest r : requests) {
            byOp.computeIfAbsent(r.operation(), k -> new ArrayList<>())
                    .add(new Span(r.operation().name(), r.receivedNanos(), r.answeredNanos() + lat));
        }
        byOp.forEach((op, list) -> {
            ObjectNode n = lane(list);
            long handling =
                    list.stream().mapToLong(s -> s.end() - s.start() - lat).sum();
            n.put("fakeCpuMs", Math.round(handling / 1e6));
            http.set(op.name().toLowerCase(Locale.ROOT), n);
        });
        List<Span> creates = byOp.getOrDefault(Operation.CREATE, List.of());
        if (!creates.isEmpty()) {
            long first = creates.stream().mapToLong(Span::start).min().orElseThrow();
            long last = creates.stream().mapToLong(Span::end).max().orElseThrow();
            List<Span> all = byOp.values().stream().flatMap(List::stream).toList();
            long busy = all.stream()
                    .mapToLong(s -> Math.max(0, Math.min(s.end(), last) - Math.max(s.start(), first)))
                    .sum();
            out.put("requestsInFlightDuringCreates", Math.round(100.0 * busy / Math.max(1, last - first)) / 100.0);
            out.put("firstCreateAtFakeMs", ms(first - origin));
            out.put("lastCreateAnsweredMs", ms(last - origin));
        }
        return out;
    }

    private ObjectNode lane(List<Span> list) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("count", list.size());
        n.put("firstStartMs", ms(list.stream().mapToLong(Span::start).min().orElse(origin) - origin));
        n.put("lastEndMs", ms(list.stream().mapToLong(Span::end).max().orElse(origin) - origin));
        n.put("busyMs", ms(list.stream().mapToLong(s -> s.end() - s.start()).sum()));
        List<Span> measured = list.stream().filter(s -> s.cpu() >= 0).toList();
        if (!measured.isEmpty()) {
            // Only calls on platform threads can be measured; virtual threads' CPU is not accounted per thread.
            n.put("cpuMs", ms(measured.stream().mapToLong(Span::cpu).sum()));
            n.put("cpuMeasuredCalls", measured.size());
        }
        if (list.size() <= 12) {
            List<Span> sorted =
                    list.stream().sorted(Comparator.comparingLong(Span::start)).toList();
            n.put(
                    "spansMs",
                    String.join(
                            " ",
                            sorted.stream()
                                    .map(s -> ms(s.start() - origin) + "-" + ms(s.end() - origin))
                                    .toList()));
        }
        return n;
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    // ---- decorators ------------------------------------------------------------------------------

    DocumentSource source(DocumentSource s) {
        return new DocumentSource() {
            @Override
            public List<DocumentRef> refresh() throws SourceException {
                return time("source.refresh", s::refresh);
            }

            @Override
            public byte[] read(String path) throws IOException {
                return time("source.read", () -> s.read(path));
            }

            @Override
            public UpdateResult update(String path, DocumentEdit edit, List<String> description) throws IOException {
                return time("source.update", () -> s.update(path, edit, description));
            }

            @Override
            public boolean updatesConcurrently() {
                return s.updatesConcurrently();
            }

            @Override
            public PublishResult publish() throws SourceException {
                return time("source.publish", s::publish);
            }

            @Override
            public Optional<String> linkFor(String path) {
                return s.linkFor(path);
            }

            @Override
            public String describe() {
                return s.describe();
            }
        };
    }

    DocumentFormat format(DocumentFormat f) {
        return new DocumentFormat() {
            @Override
            public ParsedDocument parse(String file, byte[] content) {
                return time("format.parse", () -> f.parse(file, content));
            }

            @Override
            public RewriteResult rewrite(String file, byte[] content, List<ItemChange> changes) {
                return time("format.rewrite", () -> f.rewrite(file, content, changes));
            }

            @Override
            public List<ParsedDocument> checkAcrossDocuments(List<ParsedDocument> documents) {
                return time("format.checkAcrossDocuments", () -> f.checkAcrossDocuments(documents));
            }

            @Override
            public Read read(String file, byte[] content) {
                return time("format.parse", () -> f.read(file, content));
            }

            @Override
            public RewriteResult rewrite(Read earlier, String file, byte[] content, List<ItemChange> changes) {
                return time("format.rewrite", () -> f.rewrite(earlier, file, content, changes));
            }
        };
    }

    Tracker tracker(Tracker t) {
        return new Tracker() {
            @Override
            public Deployment deployment() throws TrackerException {
                return time("tracker.deployment", t::deployment);
            }

            @Override
            public List<CreateResult> create(List<NewTicket> requests) throws TrackerException {
                return time("tracker.create", () -> t.create(requests));
            }

            @Override
            public Map<SyncKey, List<Ticket>> findBySyncKeys(Collection<SyncKey> keys) throws TrackerException {
                return time("tracker.findBySyncKeys", () -> t.findBySyncKeys(keys));
            }

            @Override
            public List<Ticket> findUpdatedSince(Instant since) throws TrackerException {
                return time("tracker.findUpdatedSince", () -> t.findUpdatedSince(since));
            }

            @Override
            public TicketLookup read(Collection<String> keys) throws TrackerException {
                return time("tracker.read", () -> t.read(keys));
            }

            @Override
            public void linkToIncident(String ticketKey, String incidentKey) throws TrackerException {
                time("tracker.link", () -> {
                    t.linkToIncident(ticketKey, incidentKey);
                    return null;
                });
            }

            @Override
            public void upsertDocumentLink(String ticketKey, SyncKey syncKey, String documentUrl, String title)
                    throws TrackerException {
                time("tracker.remoteLink", () -> {
                    t.upsertDocumentLink(ticketKey, syncKey, documentUrl, title);
                    return null;
                });
            }

            @Override
            public void prepareToCreate() {
                time("tracker.prepareToCreate", () -> {
                    t.prepareToCreate();
                    return null;
                });
            }

            @Override
            public String browseUrl(String ticketKey) {
                return t.browseUrl(ticketKey);
            }

            @Override
            public void close() {
                t.close();
            }
        };
    }
}
