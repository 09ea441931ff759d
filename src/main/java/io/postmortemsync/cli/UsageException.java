package io.postmortemsync.cli;

/**
 * The command line asks for something impossible (no configuration file, a bad option value the
 * parser could not catch). Printed as {@code error: <message>}, exit code 2, no stack trace.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
