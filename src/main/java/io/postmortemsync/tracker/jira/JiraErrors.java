package io.postmortemsync.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.postmortemsync.tracker.TrackerException;
import io.postmortemsync.tracker.TrackerException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Classifies failures once, here at the edge, into {@link Kind}s with messages that say what
 * failed and what Jira said. Messages never contain credentials: they are built from the status,
 * the operation, the path (no query) and Jira's own error texts.
 */
final class JiraErrors {

    private JiraErrors() {}

    static Kind kindOf(int code) {
        if (code == 429) {
            return Kind.RATE_LIMITED;
        }
        if (code == 401 || code == 403) {
            return Kind.PERMISSION;
        }
        if (code == 404) {
            return Kind.NOT_FOUND;
        }
        if (isTransientStatus(code)) {
            return Kind.TRANSIENT;
        }
        return Kind.CLIENT_ERROR;
    }

    /**
     * Server errors that may pass: every 5xx (also a proxy's 52x in front of Jira) except 501 and
     * 505, which say the request can never work. Retries and classification use this one rule.
     */
    static boolean isTransientStatus(int code) {
        return code >= 500 && code <= 599 && code != 501 && code != 505;
    }

    /**
     * @param what the call, for the message
     * @param permission the Jira permission the call needs, named when Jira answers 403
     */
    static TrackerException fromAnswer(
            String what, String permission, JiraAnswer answer, HeaderInterceptors.Scheme scheme) {
        int code = answer.code();
        String reasons = reasons(answer);
        String message = switch (code) {
            case 401 ->
                "Jira rejected the credentials (HTTP 401) for " + what + ": " + credentialsFix(scheme)
                        + (reasons.isEmpty() ? "" : " Jira said: " + reasons);
            case 403 -> forbidden(what, permission, answer, reasons);
            case 404 -> "Jira found nothing at " + what + " (HTTP 404)" + (reasons.isEmpty() ? "" : ": " + reasons);
            case 429 ->
                "Jira kept rate-limiting " + what + " (HTTP 429) past the retry budget; the next pass tries again"
                        + (reasons.isEmpty() ? "" : ": " + reasons);
            default -> {
                if (code >= 300 && code < 400) {
                    String location = answer.headers().get("Location");
                    yield "Jira answered " + what + " with a redirect (HTTP " + code + ")"
                            + (location == null ? "" : " to " + stripQuery(location))
                            + ": set tracker.url to the site's base URL (scheme, host and any context path)";
                }
                yield "Jira answered " + what + " with HTTP " + code + (reasons.isEmpty() ? "" : ": " + reasons);
            }
        };
        return code == 401 ? new CredentialsRejectedException(message) : new TrackerException(kindOf(code), message);
    }

    /** What to check when Jira answers 401, for the credential scheme in use. */
    static String credentialsFix(HeaderInterceptors.Scheme scheme) {
        return scheme == HeaderInterceptors.Scheme.BASIC
                ? "check tracker.auth.email and tracker.auth.apiToken (an API token created at "
                        + "https://id.atlassian.com/manage-profile/security/api-tokens by the account with that e-mail)."
                : "check tracker.auth.token (a personal access token created in Jira under Profile > Personal Access Tokens; "
                        + "Jira Cloud does not accept these: use email + apiToken there).";
    }

    private static String forbidden(String what, String permission, JiraAnswer answer, String reasons) {
        // Data Center locks an account behind a CAPTCHA after failed logins and then refuses every
        // REST call with 403 until someone logs in through the browser.
        String denied = answer.headers().get("X-Authentication-Denied-Reason");
        String seraph = answer.headers().get("X-Seraph-LoginReason");
        if (denied != null || (seraph != null && seraph.contains("AUTHENTICATION_DENIED"))) {
            return "Jira refused " + what + " (HTTP 403): the account is locked behind a CAPTCHA after failed logins; "
                    + "log in once in a browser, then check the configured credentials";
        }
        return "Jira refused " + what + " (HTTP 403): the configured user needs " + permission
                + (reasons.isEmpty() ? "" : "; Jira said: " + reasons);
    }

    static TrackerException fromIo(String what, String host, IOException e) {
        String cause;
        if (e instanceof UnknownHostException) {
            cause = "unknown host " + host + " (check tracker.url and DNS)";
        } else if (e instanceof ConnectException) {
            cause = "could not connect to " + host + " (" + e.getMessage() + ")";
        } else if (e instanceof SSLException) {
            cause = "TLS failed with " + host + ": " + e.getMessage();
        } else if (e instanceof InterruptedIOException) {
            cause = Thread.currentThread().isInterrupted() ? "interrupted" : "timed out waiting for " + host;
        } else {
            cause = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new TrackerException(Kind.TRANSIENT, "Jira " + what + " failed: " + cause, e);
    }

    /**
     * Jira's reasons from an ErrorCollection ({@code errorMessages} and field {@code errors}), e.g.
     * {@code duedate: Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown.}
     * Falls back to the start of a non-JSON body.
     */
    static String reasons(JiraAnswer answer) {
        String fromJson = reasons(answer.json());
        if (!fromJson.isEmpty()) {
            return fromJson;
        }
        String text = answer.text() == null
                ? ""
                : answer.text()
                        .replaceAll("<[^>]*>", " ")
                        .replaceAll("\\s+", " ")
                        .strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    static String reasons(JsonNode errorCollection) {
        if (errorCollection == null || !errorCollection.isObject()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode m : errorCollection.path("errorMessages")) {
            if (!m.asText().isBlank()) {
                parts.add(m.asText());
            }
        }
        JsonNode errors = errorCollection.path("errors");
        for (Map.Entry<String, JsonNode> e : errors.properties()) {
            parts.add(e.getKey() + ": " + e.getValue().asText());
        }
        // Some gateways answer {"message": "..."} instead of an ErrorCollection.
        if (parts.isEmpty() && errorCollection.path("message").isTextual()) {
            parts.add(errorCollection.path("message").asText());
        }
        return String.join("; ", parts);
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
