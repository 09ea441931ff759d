package io.postmortemsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Benchmark instrumentation (Linux only): CPU time of every thread of this process, JVM threads
 * included (garbage collector, JIT compilers), read from {@code /proc/self/task}, grouped by thread
 * name. A snapshot before and after a pass shows where its CPU went; threads that ended in between
 * are missing.
 */
final class ThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final double TICK_MS = 10.0; // USER_HZ is 100 on Linux

    private final Map<String, Long> ticksByThread;

    private ThreadCpu(Map<String, Long> ticksByThread) {
        this.ticksByThread = ticksByThread;
    }

    static ThreadCpu snapshot() {
        Map<String, Long> ticks = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return new ThreadCpu(ticks);
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    // After the name: state(0) ... utime is field 14 of stat, i.e. index 11 here; stime index 12.
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    ticks.put(task.getFileName() + " " + stat.substring(open + 1, close), used);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            // not Linux: nothing to report
        }
        return new ThreadCpu(ticks);
    }

    /** CPU milliseconds per thread group since {@code before}, largest first. */
    ObjectNode since(ThreadCpu before) {
        Map<String, Long> byGroup = new TreeMap<>();
        ticksByThread.forEach((thread, ticks) -> {
            long used = ticks - before.ticksByThread.getOrDefault(thread, 0L);
            if (used > 0) {
                byGroup.merge(group(thread.substring(thread.indexOf(' ') + 1)), used, Long::sum);
            }
        });
        ObjectNode out = new ObjectMapper().createObjectNode();
        byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() * TICK_MS)));
        return out;
    }

    /** Linux shows the first 15 characters of a thread's name; numbered pool threads become one group. */
    private static String group(String name) {
        return name.replaceAll("[#-]?\\d+$", "").replaceAll("\\d+", "N").strip();
    }
}
