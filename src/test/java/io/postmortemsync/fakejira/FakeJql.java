package io.postmortemsync.fakejira;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The subset of JQL the adapter sends, parsed and evaluated the way Jira does: fields project,
 * key/issuekey, labels, updated, created, status, statusCategory; operators =, !=, in, not in,
 * >=, >, <=, <; AND, OR, NOT, parentheses; ORDER BY. Values may be quoted ("..." or '...', with
 * backslash escapes) or bare words. Dates are read in the searching user's time zone, at minute
 * precision, as Jira does.
 */
final class FakeJql {

    /** A JQL problem Jira answers with 400; the message is Jira's wording. */
    static final class JqlError extends RuntimeException {
        JqlError(String message) {
            super(message);
        }
    }

    sealed interface Node permits And, Or, Not, Clause {}

    record And(List<Node> parts) implements Node {}

    record Or(List<Node> parts) implements Node {}

    record Not(Node inner) implements Node {}

    record Clause(String field, String op, List<String> values) implements Node {}

    record Order(String field, boolean ascending) {}

    /** A parsed query; {@code where} is null for a query without restriction. */
    record Query(Node where, List<Order> order) {

        /** Every value used with the key field (for Jira's key validation). */
        List<String> keyValues() {
            List<String> keys = new ArrayList<>();
            collectKeys(where, keys);
            return keys;
        }

        private static void collectKeys(Node n, List<String> out) {
            switch (n) {
                case null -> {}
                case And a -> a.parts().forEach(p -> collectKeys(p, out));
                case Or o -> o.parts().forEach(p -> collectKeys(p, out));
                case Not not -> collectKeys(not.inner(), out);
                case Clause c -> {
                    if (c.field().equals("key")) {
                        out.addAll(c.values());
                    }
                }
            }
        }
    }

    /** What a clause is evaluated against. */
    interface Subject {
        String key();

        Set<String> keys(); // current and previous (moved) keys, upper case

        String projectKey();

        String projectName();

        List<String> labels();

        Instant updated();

        Instant created();

        String status();

        String statusCategoryKey();

        long id();
    }

    private static final Set<String> FIELDS =
            Set.of("project", "key", "issuekey", "labels", "updated", "created", "status", "statuscategory", "id");

    private final List<String> tokens;
    private int pos;

    private FakeJql(List<String> tokens) {
        this.tokens = tokens;
    }

    static Query parse(String jql) {
        FakeJql p = new FakeJql(tokenize(jql));
        Node where = null;
        if (!p.atEnd() && !p.peekWord("order")) {
            where = p.or();
        }
        List<Order> order = new ArrayList<>();
        if (p.peekWord("order")) {
            p.next();
            p.expectWord("by");
            do {
                String field = normalizeField(p.next());
                boolean asc = true;
                if (p.peekWord("asc")) {
                    p.next();
                } else if (p.peekWord("desc")) {
                    p.next();
                    asc = false;
                }
                order.add(new Order(field, asc));
            } while (p.peek(",") && p.next() != null);
        }
        if (!p.atEnd()) {
            throw new JqlError(
                    "Error in the JQL Query: Expecting either 'OR' or 'AND' but got '" + p.peekToken() + "'.");
        }
        return new Query(where, order);
    }

    private Node or() {
        List<Node> parts = new ArrayList<>(List.of(and()));
        while (peekWord("or")) {
            next();
            parts.add(and());
        }
        return parts.size() == 1 ? parts.getFirst() : new Or(parts);
    }

    private Node and() {
        List<Node> parts = new ArrayList<>(List.of(unary()));
        while (peekWord("and")) {
            next();
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.getFirst() : new And(parts);
    }

    private Node unary() {
        if (peekWord("not")) {
            next();
            return new Not(unary());
        }
        if (peek("(")) {
            next();
            Node inner = or();
            expect(")");
            return inner;
        }
        return clause();
    }

    private Node clause() {
        String field = normalizeField(next());
        if (!FIELDS.contains(field)) {
            throw new JqlError("Field '" + field + "' does not exist or you do not have permission to view it.");
        }
        String op = next().toLowerCase(Locale.ROOT);
        if (op.equals("not") && peekWord("in")) {
            next();
            op = "not in";
        }
        List<String> values = new ArrayList<>();
        switch (op) {
            case "in", "not in" -> {
                expect("(");
                values.add(value());
                while (peek(",")) {
                    next();
                    values.add(value());
                }
                expect(")");
            }
            case "=", "!=", ">=", ">", "<=", "<" -> values.add(value());
            default -> throw new JqlError("Error in the JQL Query: The operator '" + op + "' is not supported here.");
        }
        return new Clause(field, op, values);
    }

    private String value() {
        String t = next();
        if (t.startsWith("\u0000")) {
            return t.substring(1); // a quoted string, already unescaped
        }
        if (t.equals("(") || t.equals(")") || t.equals(",")) {
            throw new JqlError("Error in the JQL Query: Expecting a value but got '" + t + "'.");
        }
        return t;
    }

    private static String normalizeField(String token) {
        String f = token.startsWith("\u0000") ? token.substring(1) : token;
        f = f.toLowerCase(Locale.ROOT);
        return f.equals("issuekey") ? "key" : f;
    }

    // ---- evaluation

    static boolean matches(Node node, Subject s, ZoneId userZone) {
        return switch (node) {
            case null -> true;
            case And a -> a.parts().stream().allMatch(p -> matches(p, s, userZone));
            case Or o -> o.parts().stream().anyMatch(p -> matches(p, s, userZone));
            case Not n -> !matches(n.inner(), s, userZone);
            case Clause c -> clause(c, s, userZone);
        };
    }

    private static boolean clause(Clause c, Subject s, ZoneId zone) {
        return switch (c.field()) {
            case "project" ->
                textual(c, v -> v.equalsIgnoreCase(s.projectKey()) || v.equalsIgnoreCase(s.projectName()));
            case "key" -> {
                Set<String> keys = s.keys(); // once per issue, not once per key in the clause
                yield textual(c, v -> keys.contains(v.toUpperCase(Locale.ROOT)));
            }
            case "id" -> textual(c, v -> v.equals(Long.toString(s.id())));
            case "labels" -> textual(c, v -> s.labels().contains(v));
            case "status" -> textual(c, v -> v.equalsIgnoreCase(s.status()));
            case "statuscategory" ->
                textual(
                        c,
                        v -> v.equalsIgnoreCase(s.statusCategoryKey())
                                || categoryName(s.statusCategoryKey()).equalsIgnoreCase(v));
            case "updated" -> temporal(c, s.updated(), zone);
            case "created" -> temporal(c, s.created(), zone);
            default ->
                throw new JqlError(
                        "Field '" + c.field() + "' does not exist or you do not have permission to view it.");
        };
    }

    private static String categoryName(String key) {
        return switch (key) {
            case "new" -> "To Do";
            case "indeterminate" -> "In Progress";
            case "done" -> "Done";
            default -> key;
        };
    }

    private static boolean textual(Clause c, java.util.function.Predicate<String> matchesValue) {
        boolean any = c.values().stream().anyMatch(matchesValue);
        return switch (c.op()) {
            case "=", "in" -> any;
            case "!=", "not in" -> !any;
            default ->
                throw new JqlError("Error in the JQL Query: The operator '" + c.op() + "' is not supported by the '"
                        + c.field() + "' field.");
        };
    }

    private static boolean temporal(Clause c, Instant value, ZoneId zone) {
        if (c.values().size() != 1) {
            throw new JqlError("Error in the JQL Query: The operator '" + c.op() + "' is not supported by the '"
                    + c.field() + "' field.");
        }
        Instant bound = date(c.values().getFirst(), c.field(), zone);
        // Jira compares at minute precision: the time truncated to the minute.
        Instant v = value.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        return switch (c.op()) {
            case ">=" -> !v.isBefore(bound);
            case ">" -> v.isAfter(bound);
            case "<=" -> !v.isAfter(bound);
            case "<" -> v.isBefore(bound);
            case "=" -> v.equals(bound);
            case "!=" -> !v.equals(bound);
            default ->
                throw new JqlError("Error in the JQL Query: The operator '" + c.op() + "' is not supported by the '"
                        + c.field() + "' field.");
        };
    }

    private static final List<DateTimeFormatter> DATE_TIMES =
            List.of(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"), DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm"));
    private static final List<DateTimeFormatter> DATES =
            List.of(DateTimeFormatter.ofPattern("yyyy-MM-dd"), DateTimeFormatter.ofPattern("yyyy/MM/dd"));

    private static Instant date(String text, String field, ZoneId zone) {
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return LocalDateTime.parse(text, f).atZone(zone).toInstant();
            } catch (DateTimeParseException next) {
                // try the next form
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(text, f).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException next) {
                // try the next form
            }
        }
        throw new JqlError("Date value '" + text + "' for field '" + field
                + "' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', "
                + "'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.");
    }

    static <T extends Subject> Comparator<T> comparator(List<Order> order) {
        Comparator<T> c = null;
        for (Order o : order) {
            Comparator<T> next = switch (o.field()) {
                case "key" -> Comparator.comparing((T s) -> s.projectKey()).thenComparingLong(s -> number(s.key()));
                case "updated" -> Comparator.comparing(Subject::updated);
                case "created" -> Comparator.comparing(Subject::created);
                case "id" -> Comparator.comparingLong(Subject::id);
                default ->
                    throw new JqlError(
                            "Field '" + o.field() + "' does not exist or you do not have permission to view it.");
            };
            if (!o.ascending()) {
                next = next.reversed();
            }
            c = c == null ? next : c.thenComparing(next);
        }
        Function<T, Long> byId = Subject::id;
        return c == null ? Comparator.comparing(byId).reversed() : c.thenComparing(byId);
    }

    private static long number(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
    }

    // ---- tokens

    /** Words and punctuation; quoted strings come back unescaped, marked with a leading NUL. */
    static List<String> tokenize(String jql) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < jql.length()) {
            char c = jql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '\'') {
                StringBuilder b = new StringBuilder("\u0000");
                i++;
                boolean closed = false;
                while (i < jql.length()) {
                    char d = jql.charAt(i);
                    if (d == '\\' && i + 1 < jql.length()) {
                        char e = jql.charAt(i + 1);
                        switch (e) {
                            case 'n' -> b.append('\n');
                            case 'r' -> b.append('\r');
                            case 't' -> b.append('\t');
                            case 'u' -> {
                                b.append((char) Integer.parseInt(jql.substring(i + 2, i + 6), 16));
                                i += 4;
                            }
                            default -> b.append(e);
                        }
                        i += 2;
                    } else if (d == c) {
                        closed = true;
                        i++;
                        break;
                    } else {
                        b.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new JqlError("Error in the JQL Query: The quoted string has not been completed.");
                }
                out.add(b.toString());
            } else if (c == '!' || c == '>' || c == '<' || c == '=' || c == '~') {
                if (i + 1 < jql.length() && jql.charAt(i + 1) == '=') {
                    out.add(jql.substring(i, i + 2));
                    i += 2;
                } else {
                    out.add(String.valueOf(c));
                    i++;
                }
            } else {
                int start = i;
                while (i < jql.length()
                        && !Character.isWhitespace(jql.charAt(i))
                        && "(),\"'!<>=~".indexOf(jql.charAt(i)) < 0) {
                    i++;
                }
                String word = jql.substring(start, i);
                // Reserved characters outside quotes are errors in Jira.
                if (word.chars().anyMatch(ch -> "{}[]*+^%?&|;".indexOf(ch) >= 0)) {
                    throw new JqlError(
                            "Error in the JQL Query: The character '"
                                    + word.chars()
                                            .filter(ch -> "{}[]*+^%?&|;".indexOf(ch) >= 0)
                                            .mapToObj(ch -> String.valueOf((char) ch))
                                            .findFirst()
                                            .orElse("?")
                                    + "' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0026'.");
                }
                out.add(word);
            }
        }
        return out;
    }

    private boolean atEnd() {
        return pos >= tokens.size();
    }

    private String peekToken() {
        return atEnd() ? "<end>" : tokens.get(pos).replace("\u0000", "");
    }

    private boolean peek(String punct) {
        return !atEnd() && tokens.get(pos).equals(punct);
    }

    private boolean peekWord(String word) {
        return !atEnd() && tokens.get(pos).equalsIgnoreCase(word);
    }

    private String next() {
        if (atEnd()) {
            throw new JqlError("Error in the JQL Query: Expecting more of the query but reached its end.");
        }
        return tokens.get(pos++);
    }

    private void expect(String punct) {
        if (!peek(punct)) {
            throw new JqlError("Error in the JQL Query: Expecting '" + punct + "' but got '" + peekToken() + "'.");
        }
        pos++;
    }

    private void expectWord(String word) {
        if (!peekWord(word)) {
            throw new JqlError("Error in the JQL Query: Expecting '" + word + "' but got '" + peekToken() + "'.");
        }
        pos++;
    }
}
