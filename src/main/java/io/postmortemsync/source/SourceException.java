package io.postmortemsync.source;

/**
 * A source could not be read or published (unreachable remote, rejected credentials, a folder
 * that does not exist). Messages name the source but never carry credentials.
 */
public class SourceException extends Exception {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
