package io.postmortemsync.config;

/**
 * A scalar value after {@code ${VAR}} substitution.
 *
 * @param value the text to use
 * @param raw the text as written in the file
 * @param fromEnvironment whether a variable was substituted; such a value is never echoed in
 *     messages, because an environment variable may well hold a secret put in the wrong key
 */
record Text(String value, String raw, boolean fromEnvironment) {

    /** " (got "5 minutes")" for messages, without revealing values from the environment. */
    String got() {
        return fromEnvironment
                ? " (got \"" + raw + "\" after substituting the environment)"
                : " (got \"" + value + "\")";
    }
}
