package io.postmortemsync.metrics;

import io.postmortemsync.postmortem.ActionItem;
import io.postmortemsync.postmortem.ItemStatus;
import io.postmortemsync.postmortem.ParsedDocument;
import io.postmortemsync.postmortem.Postmortem;
import io.postmortemsync.postmortem.Severity;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The action items as one pass left them, shaped for scraping: an immutable value that is
 * built once per pass and swapped in whole, so a scrape never sees half a pass.
 *
 * <p>Overdue depends on "today", which moves without a pass, so it is not stored as a count:
 * each overdue series keeps the sorted due dates of its not-Completed items, and a scrape
 * counts the dates before today by binary search. A scrape is O(series × log items), never
 * O(items), and a scrape after midnight sees the new day.
 *
 * <p>Series only ever appear for label values that occurred, and once they have appeared they
 * stay (as 0 when nothing is left), so alerts see counts fall to zero instead of vanishing.
 */
final class ActionItemState {

    static final ActionItemState EMPTY = new ActionItemState(List.of(), List.of(), List.of());

    static final String UNKNOWN = "unknown";

    private final List<OverdueSeries> overdue;
    private final List<CountSeries<ItemKey>> items;
    private final List<CountSeries<String>> documents;

    private ActionItemState(
            List<OverdueSeries> overdue, List<CountSeries<ItemKey>> items, List<CountSeries<String>> documents) {
        this.overdue = overdue;
        this.items = items;
        this.documents = documents;
    }

    List<OverdueSeries> overdue() {
        return overdue;
    }

    List<CountSeries<ItemKey>> items() {
        return items;
    }

    List<CountSeries<String>> documents() {
        return documents;
    }

    /** The state after a pass that read {@code parsed}, keeping every series {@code previous} had. */
    static ActionItemState next(ActionItemState previous, List<ParsedDocument> parsed) {
        Map<OverdueKey, DueDays> dueDays = new HashMap<>();
        Map<ItemKey, Long> itemCounts = new HashMap<>();
        Map<String, Long> documentCounts = new HashMap<>();
        for (OverdueSeries series : previous.overdue) {
            dueDays.put(series.key(), new DueDays());
        }
        for (CountSeries<ItemKey> series : previous.items) {
            itemCounts.put(series.key(), 0L);
        }
        for (CountSeries<String> series : previous.documents) {
            documentCounts.put(series.key(), 0L);
        }

        for (ParsedDocument document : parsed) {
            documentCounts.merge(document.isValid() ? "valid" : "invalid", 1L, Long::sum);
            Postmortem postmortem = document.postmortem();
            String severity = Severity.metricLabel(postmortem.severity());
            String service = serviceLabel(postmortem);
            for (ActionItem item : postmortem.items()) {
                String type = item.type().id();
                String status = item.status().metricLabel();
                itemCounts.merge(new ItemKey(type, status), 1L, Long::sum);
                // Only items that can become overdue get an overdue series: Completed items and
                // items without a due date never will, and a series for them would be invented.
                if (item.dueDate() != null && item.status() != ItemStatus.COMPLETED) {
                    dueDays.computeIfAbsent(new OverdueKey(type, severity, status, service), k -> new DueDays())
                            .add(Math.toIntExact(item.dueDate().toEpochDay()));
                }
            }
        }

        List<OverdueSeries> overdue = new ArrayList<>(dueDays.size());
        dueDays.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(OverdueKey.ORDER))
                .forEach(e ->
                        overdue.add(new OverdueSeries(e.getKey(), e.getValue().sorted())));
        List<CountSeries<ItemKey>> items = itemCounts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(ItemKey.ORDER))
                .map(e -> new CountSeries<>(e.getKey(), e.getKey().labels(), e.getValue()))
                .toList();
        List<CountSeries<String>> documents = documentCounts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new CountSeries<>(e.getKey(), Labels.of("state", e.getKey()), e.getValue()))
                .toList();
        return new ActionItemState(List.copyOf(overdue), items, documents);
    }

    /** The first listed service, or {@code unknown} when the postmortem names none. */
    static String serviceLabel(Postmortem postmortem) {
        String service = postmortem.primaryService();
        return service == null || service.isBlank() ? UNKNOWN : service.strip();
    }

    /** Labels of {@code postmortem_action_items_overdue}. */
    record OverdueKey(String type, String severity, String status, String service) {
        static final Comparator<OverdueKey> ORDER = Comparator.comparing(OverdueKey::type)
                .thenComparing(OverdueKey::severity)
                .thenComparing(OverdueKey::status)
                .thenComparing(OverdueKey::service);

        Labels labels() {
            return Labels.of("type", type, "severity", severity, "status", status, "service", service);
        }
    }

    /** Labels of {@code postmortem_action_items}. */
    record ItemKey(String type, String status) {
        static final Comparator<ItemKey> ORDER =
                Comparator.comparing(ItemKey::type).thenComparing(ItemKey::status);

        Labels labels() {
            return Labels.of("type", type, "status", status);
        }
    }

    /**
     * One overdue series: its labels and the due dates (epoch days, ascending) of its
     * not-Completed items. A class rather than a record because it holds an array.
     */
    static final class OverdueSeries {
        private final OverdueKey key;
        private final Labels labels;
        private final int[] sortedDueDays;

        OverdueSeries(OverdueKey key, int[] sortedDueDays) {
            this.key = key;
            this.labels = key.labels();
            this.sortedDueDays = sortedDueDays;
        }

        OverdueKey key() {
            return key;
        }

        Labels labels() {
            return labels;
        }

        /** How many items are overdue on {@code today} (epoch day): those due strictly before it. */
        int overdueOn(long today) {
            // Lower bound: the first index whose due day is >= today; everything before is overdue.
            int low = 0;
            int high = sortedDueDays.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (sortedDueDays[middle] < today) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }

    /** One series of a plain count ({@code postmortem_action_items}, {@code postmortem_documents}). */
    record CountSeries<K>(K key, Labels labels, long count) {}

    /** A growable int array: a pass may hold tens of thousands of due dates, boxing each is waste. */
    private static final class DueDays {
        private int[] days = new int[4];
        private int size;

        void add(int day) {
            if (size == days.length) {
                days = Arrays.copyOf(days, size * 2);
            }
            days[size++] = day;
        }

        int[] sorted() {
            int[] result = Arrays.copyOf(days, size);
            Arrays.sort(result);
            return result;
        }
    }
}
