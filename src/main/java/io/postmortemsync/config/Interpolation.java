package io.postmortemsync.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces <code>${VAR}</code> and <code>${VAR:-default}</code> in a configuration value with the
 * environment's values, as a shell does: {@code :-} applies when VAR is unset or empty, and
 * <code>$${</code> writes a literal <code>${</code>. Substitution happens on the parsed value, after YAML,
 * so a variable's value is never read as YAML (a token containing {@code #} or {@code : } stays
 * intact).
 */
final class Interpolation {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** What one value became. */
    sealed interface Result {
        /** {@code fromEnvironment}: at least one variable was substituted. */
        record Substituted(String value, boolean fromEnvironment) implements Result {}

        /** {@code message} continues a key path: ": environment variable X is not set ...". */
        record Failed(String message) implements Result {}
    }

    private Interpolation() {}

    static Result apply(String text, Map<String, String> env) {
        if (!text.contains("$")) {
            return new Result.Substituted(text, false);
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean substituted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    return new Result.Failed("has an unterminated ${ (write $${ for a literal ${)");
                }
                String expression = text.substring(i + 2, end);
                int colon = expression.indexOf(":-");
                String name = colon >= 0 ? expression.substring(0, colon) : expression;
                if (!NAME.matcher(name).matches()) {
                    return new Result.Failed("has ${" + expression + "}, but \"" + name
                            + "\" is not a variable name (letters, digits and _; write $${ for a literal ${)");
                }
                String value = env.get(name);
                if (colon >= 0 && (value == null || value.isEmpty())) {
                    value = expression.substring(colon + 2);
                } else if (value == null) {
                    return new Result.Failed(": environment variable " + name + " is not set (write ${" + name
                            + ":-default} to give a default)");
                }
                out.append(value);
                substituted = true;
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Result.Substituted(out.toString(), substituted);
    }
}
