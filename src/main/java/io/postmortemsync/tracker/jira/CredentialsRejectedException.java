package io.postmortemsync.tracker.jira;

import io.postmortemsync.tracker.TrackerException;

/**
 * Jira answered 401: the credentials themselves are wrong, so every call will fail the same way.
 * Kept apart from other permission failures (403: one project, one operation) so that a bulk
 * create stops instead of reporting the same rejection for every ticket.
 */
final class CredentialsRejectedException extends TrackerException {

    CredentialsRejectedException(String message) {
        super(Kind.PERMISSION, message);
    }
}
