package io.postmortemsync.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the metric selectors in a PromQL expression (alert rules, dashboard queries), so tests
 * can check each one against what the registry really exports. A small tokenizer, not a
 * parser: it knows enough PromQL to tell a metric name from a function, an aggregation, a
 * grouping label list, a keyword, a range, a string or a Grafana variable.
 */
final class PromQl {

    /** A metric name and the label names its matchers use. */
    record Selector(String metric, Set<String> matcherLabels) {}

    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private PromQl() {}

    static List<Selector> selectors(String expression) {
        String expr = STRING.matcher(expression).replaceAll("\"\"");
        List<Selector> selectors = new ArrayList<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '$') { // Grafana variable: $job, $__rate_interval, ${datasource}
                i++;
                if (i < expr.length() && expr.charAt(i) == '{') {
                    i = expr.indexOf('}', i) + 1;
                } else {
                    while (i < expr.length() && isNameChar(expr.charAt(i))) {
                        i++;
                    }
                }
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
            } else if (Character.isDigit(c) || c == '.') {
                while (i < expr.length() && (isNameChar(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++; // numbers and durations (1h, 0.95, 1e3)
                }
            } else if (isNameStart(c)) {
                int start = i;
                while (i < expr.length() && isNameChar(expr.charAt(i))) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                if (GROUPING.contains(word)) {
                    if (next < expr.length() && expr.charAt(next) == '(') {
                        i = expr.indexOf(')', next) + 1; // a label list, not selectors
                    }
                } else if (KEYWORDS.contains(word)) {
                    // an operator or a literal
                } else if (next < expr.length() && expr.charAt(next) == '(') {
                    // a function or an aggregation operator
                } else if (next + 1 < expr.length() && GROUPING.contains(wordAt(expr, next))) {
                    // "sum by (...) (...)": an aggregation operator with its grouping first
                } else {
                    Set<String> labels = new LinkedHashSet<>();
                    if (next < expr.length() && expr.charAt(next) == '{') {
                        int end = expr.indexOf('}', next);
                        for (String matcher : expr.substring(next + 1, end).split(",")) {
                            String name = matcher.strip().split("[=!~]", 2)[0].strip();
                            if (!name.isEmpty()) {
                                labels.add(name);
                            }
                        }
                        i = end + 1;
                    }
                    selectors.add(new Selector(word, labels));
                }
            } else {
                i++;
            }
        }
        return selectors;
    }

    private static String wordAt(String expr, int i) {
        int end = i;
        while (end < expr.length() && isNameChar(expr.charAt(end))) {
            end++;
        }
        return expr.substring(i, end);
    }

    private static int skipSpaces(String expr, int i) {
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
