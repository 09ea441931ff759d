package io.postmortemsync.fakejira;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * Atlassian's Jira Cloud OpenAPI document (test resource {@code jira/}), loaded once per JVM, and
 * the checks the fake runs with it: every request it receives in Cloud mode, and every successful
 * JSON answer it gives (so the fake cannot drift from the real shapes either).
 */
final class OpenApiCheck {

    private static final String SPEC = "/jira/jira-cloud-platform-openapi-v3.json";

    private OpenApiCheck() {}

    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR = load();

        private static OpenApiInteractionValidator load() {
            try (InputStream in = OpenApiCheck.class.getResourceAsStream(SPEC)) {
                if (in == null) {
                    throw new IllegalStateException("test resource " + SPEC + " is missing");
                }
                return OpenApiInteractionValidator.createForInlineApiSpecification(
                                new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Loads the document ahead of time (about a second), e.g. before a timed benchmark. */
    static void warmUp() {
        Object unused = Holder.VALIDATOR; // reading the field loads the holder class, and with it the document
    }

    /** Problems with a request, empty when it conforms. */
    static List<String> request(
            String method, HttpUrl url, String path, String contentType, String authorization, String body) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(method, path);
        for (String name : url.queryParameterNames()) {
            b.withQueryParam(
                    name,
                    url.queryParameterValues(name).stream()
                            .map(v -> v == null ? "" : v)
                            .toList());
        }
        if (contentType != null) {
            b.withContentType(contentType);
        }
        if (authorization != null) {
            b.withAuthorization(authorization);
        }
        if (body != null && !body.isEmpty()) {
            b.withBody(body);
        }
        return errors(Holder.VALIDATOR.validateRequest(b.build()));
    }

    /** Problems with an answer the fake gave, empty when it conforms. */
    static List<String> response(String method, String path, int status, String body) {
        SimpleResponse response = SimpleResponse.Builder.status(status)
                .withContentType("application/json")
                .withBody(body)
                .build();
        return errors(Holder.VALIDATOR.validateResponse(path, Request.Method.valueOf(method), response));
    }

    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()
                        + (m.getAdditionalInfo().isEmpty()
                                ? ""
                                : " " + m.getAdditionalInfo().stream().collect(Collectors.joining("; "))))
                .toList();
    }
}
