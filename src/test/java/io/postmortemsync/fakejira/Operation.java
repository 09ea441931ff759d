package io.postmortemsync.fakejira;

/** What a request to the fake asked for; the request log counts by these. */
public enum Operation {
    SERVER_INFO,
    MYSELF,
    CREATE,
    SEARCH,
    BULK_FETCH,
    GET_ISSUE,
    ISSUE_LINK,
    REMOTE_LINK,
    USER,
    USER_SEARCH,
    PROJECT,
    PERMISSIONS,
    CREATEMETA,
    LINK_TYPES,
    /** {@code /rest/api/{2,3}/search} on Cloud: removed, answers 410 and fails the test. */
    REMOVED_SEARCH,
    UNKNOWN
}
