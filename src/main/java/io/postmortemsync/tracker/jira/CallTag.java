package io.postmortemsync.tracker.jira;

/**
 * Attached to every request as its OkHttp tag, so interceptors know what the call is for.
 *
 * @param op the operation, for metrics and logs
 * @param idempotent whether sending it twice is harmless; only such calls are retried after a
 *     5xx, an I/O error or a time-out (a 429 is retried for every call: Jira did not process it)
 */
record CallTag(Op op, boolean idempotent) {}
