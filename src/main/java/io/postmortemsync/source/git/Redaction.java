package io.postmortemsync.source.git;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of messages and logged stack traces. JGit's exceptions carry the URL it
 * was given and sometimes the server's words; both pass through here before anyone sees them.
 */
final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@");

    private Redaction() {}

    /** The text with user info removed from every URL and every known secret masked. */
    static String scrub(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String result = USER_INFO.matcher(text).replaceAll("$1");
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }

    /**
     * A copy of the exception chain whose messages are scrubbed, keeping the original stack
     * traces and class names, so the daemon can log it in full without leaking anything.
     */
    static Throwable scrubbed(Throwable original, List<String> secrets) {
        if (original == null) {
            return null;
        }
        Throwable copy = new ScrubbedException(
                original.getClass().getName(),
                scrub(original.getMessage(), secrets),
                original.getCause() == original ? null : scrubbed(original.getCause(), secrets));
        copy.setStackTrace(original.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message might have held a secret. */
    static final class ScrubbedException extends Exception {
        private final String originalClass;

        ScrubbedException(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        // toString, not getMessage: stack traces and loggers print toString, and this one names
        // the original exception's class in place of ours.
        @Override
        @SuppressWarnings("OverrideThrowableToString")
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
