package io.postmortemsync.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict reader of the Prometheus text format 0.0.4 and of OpenMetrics 1.0 text, written for
 * tests: it parses what {@code /metrics} really sends back into samples, and rejects anything
 * a scraper would reject (a sample without a preceding TYPE, a bad escape, a bad number,
 * text after {@code # EOF}).
 */
public final class PrometheusText {

    /** One sample line: name, labels (sorted by name), value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final List<String> SUFFIXES =
            List.of("", "_total", "_bucket", "_sum", "_count", "_created", "_info");

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private boolean sawEof;

    private PrometheusText() {}

    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            try {
                parsed.line(lines[i]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage() + ": " + lines[i], e);
            }
        }
        return parsed;
    }

    private void line(String line) {
        if (sawEof) {
            throw new IllegalArgumentException("text after # EOF");
        }
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("#")) {
            comment(line);
        } else {
            sample(line);
        }
    }

    private void comment(String line) {
        if (line.equals("# EOF")) {
            sawEof = true;
            return;
        }
        String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !parts[0].equals("#")) {
            return; // a plain comment (text format 0.0.4 allows them)
        }
        String family = parts[2];
        String rest = parts.length == 4 ? parts[3] : "";
        switch (parts[1]) {
            case "TYPE" -> {
                if (!Set.of(
                                "counter",
                                "gauge",
                                "histogram",
                                "summary",
                                "untyped",
                                "unknown",
                                "info",
                                "stateset",
                                "gaugehistogram")
                        .contains(rest)) {
                    throw new IllegalArgumentException("unknown type " + rest);
                }
                if (types.put(family, rest) != null) {
                    throw new IllegalArgumentException("second TYPE for " + family);
                }
            }
            case "HELP" -> help.put(family, unescapeHelp(rest));
            case "UNIT" -> units.put(family, rest);
            default -> {
                /* a plain comment */
            }
        }
    }

    private void sample(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("a sample must start with a metric name");
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("expected a space before the value");
        }
        String[] valueAndTimestamp = line.substring(i + 1).split(" ");
        if (valueAndTimestamp.length > 2) {
            throw new IllegalArgumentException("unexpected text after the value (exemplars are not expected)");
        }
        double value = number(valueAndTimestamp[0]);
        if (valueAndTimestamp.length == 2) {
            number(valueAndTimestamp[1]);
        }
        if (familyOf(name).isEmpty()) {
            throw new IllegalArgumentException("sample " + name + " has no preceding # TYPE");
        }
        samples.add(new Sample(name, Map.copyOf(labels), value));
    }

    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            if (i >= line.length()) {
                throw new IllegalArgumentException("unterminated label set");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int start = i;
            while (i < line.length() && isNameChar(line.charAt(i), i == start) && line.charAt(i) != ':') {
                i++;
            }
            String labelName = line.substring(start, i);
            if (labelName.isEmpty() || !line.startsWith("=\"", i)) {
                throw new IllegalArgumentException("expected name=\"value\" at column " + (start + 1));
            }
            i += 2;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unterminated label value");
                }
                char c = line.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char escaped = i < line.length() ? line.charAt(i++) : ' ';
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("bad escape \\" + escaped + " in a label value");
                    }
                } else {
                    value.append(c);
                }
            }
            if (labels.put(labelName, value.toString()) != null) {
                throw new IllegalArgumentException("label " + labelName + " given twice");
            }
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                throw new IllegalArgumentException("expected , or } after a label value");
            }
        }
    }

    private static boolean isNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '_'
                || c == ':'
                || (!first && c >= '0' && c <= '9');
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!text.matches("[-+]?[0-9.eE+-]+")) {
                    throw new IllegalArgumentException("not a number: " + text);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    /** HELP text escapes a backslash and a line feed. */
    private static String unescapeHelp(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The family (the name in # TYPE) a sample name belongs to. */
    public Optional<String> familyOf(String sampleName) {
        for (String suffix : SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(family)) {
                    return Optional.of(family);
                }
            }
        }
        return Optional.empty();
    }

    /** True when the text ended with {@code # EOF}, as OpenMetrics requires. */
    public boolean endsWithEof() {
        return sawEof;
    }

    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    public Optional<String> help(String family) {
        return Optional.ofNullable(help.get(family));
    }

    public Optional<String> unit(String family) {
        return Optional.ofNullable(units.get(family));
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples with this exact name. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Label set to value for the samples with this exact name. */
    public Map<Map<String, String>, Double> series(String name) {
        Map<Map<String, String>, Double> series = new LinkedHashMap<>();
        for (Sample sample : samples(name)) {
            series.put(sample.labels(), sample.value());
        }
        return series;
    }

    /** The value of the sample with this name and exactly these labels ({@code "type", "detect", ...}). */
    public Optional<Double> value(String name, String... labelPairs) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples(name).stream()
                .filter(s -> s.labels().equals(wanted))
                .map(Sample::value)
                .findFirst();
    }

    /** Every distinct sample name, in order of appearance. */
    public Set<String> sampleNames() {
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The label names seen on samples of this name. */
    public Set<String> labelNames(String sampleName) {
        Set<String> names = new LinkedHashSet<>();
        samples(sampleName).forEach(s -> names.addAll(s.labels().keySet()));
        return names;
    }
}
