package io.postmortemsync.fakejira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postmortemsync.fakejira.FakeJira.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake answers as Jira does, and catches clients that do not use Jira as documented. */
class FakeJiraTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final OkHttpClient http =
            new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    FakeJira fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private record Answer(int code, JsonNode json) {}

    private Answer call(String method, String path, String body) throws IOException {
        String auth = fake.mode() == Mode.CLOUD
                ? Credentials.basic(fake.auth().email(), fake.secretValue(), StandardCharsets.UTF_8)
                : "Bearer " + fake.secretValue();
        return call(method, path, body, auth);
    }

    private Answer call(String method, String path, String body, String auth) throws IOException {
        Request.Builder b = new Request.Builder()
                .url(fake.url().toString().replaceAll("/$", "") + path)
                .header("Accept", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        b.method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
        try (Response r = http.newCall(b.build()).execute()) {
            String text = r.body().string();
            JsonNode json = text.isBlank()
                            || (!text.strip().startsWith("{") && !text.strip().startsWith("["))
                    ? null
                    : JSON.readTree(text);
            return new Answer(r.code(), json);
        }
    }

    @Test
    void cloudRemovedTheOldSearchAndTheFakeFlagsItsUse() throws IOException {
        fake = FakeJira.start(Mode.CLOUD);

        Answer a = call("POST", "/rest/api/3/search", "{\"jql\":\"project = OPS\"}");

        assertThat(a.code()).isEqualTo(410);
        assertThat(a.json().path("errorMessages").get(0).asText()).contains("/rest/api/3/search/jql");
        assertThat(fake.violations()).singleElement().asString().contains("removed search API");
        assertThatThrownBy(fake::assertNoViolations).isInstanceOf(AssertionError.class);
    }

    @Test
    void requestsAreValidatedAgainstTheOpenApiDocument() throws IOException {
        fake = FakeJira.start(Mode.CLOUD);

        call("POST", "/rest/api/3/search/jql", "{\"jql\":\"project = OPS\",\"startAt\":0}");
        call("POST", "/rest/api/3/issue/OPS-1/remotelink", "{\"object\":{\"url\":\"https://x\"}}");

        assertThat(fake.violations())
                .anySatisfy(v -> assertThat(v).contains("search/jql").contains("startAt"));
        assertThat(fake.violations())
                .anySatisfy(v -> assertThat(v).contains("remotelink").contains("title"));
    }

    @Test
    void everyRequestIsCheckedUnlessABenchmarkAsksForTheFirstFewOfEachOperation() throws IOException {
        fake = FakeJira.start(Mode.CLOUD);
        for (int i = 0; i < 3; i++) {
            call("POST", "/rest/api/3/search/jql", "{\"jql\":\"project = OPS\",\"startAt\":" + i + "}");
        }
        assertThat(fake.violations()).as("by default, every request").hasSize(3);
        fake.close();

        fake = FakeJira.builder(Mode.CLOUD).openApiChecksPerOperation(2).start();
        for (int i = 0; i < 3; i++) {
            call("POST", "/rest/api/3/search/jql", "{\"jql\":\"project = OPS\",\"startAt\":" + i + "}");
        }
        call("POST", "/rest/api/3/issue/OPS-1/remotelink", "{\"object\":{\"url\":\"https://x\"}}");
        assertThat(fake.violations())
                .as("the first two searches and the first remote link")
                .hasSize(3)
                .anySatisfy(v -> assertThat(v).contains("remotelink").contains("title"));
        // A removed API is flagged whatever the sampling.
        call("POST", "/rest/api/3/search", "{\"jql\":\"project = OPS\"}");
        assertThat(fake.violations()).hasSize(4).last().asString().contains("removed search API");
    }

    @Test
    void cloudSearchReturnsOnlyIdsUnlessAskedAndRefusesUnboundedQueries() throws IOException {
        fake = FakeJira.start(Mode.CLOUD);
        fake.createIssue("OPS", "one", "postmortem-sync");

        Answer ids = call("POST", "/rest/api/3/search/jql", "{\"jql\":\"labels = \\\"postmortem-sync\\\"\"}");
        assertThat(ids.json().path("issues").get(0).fieldNames()).toIterable().containsExactly("id");
        assertThat(ids.json().path("isLast").asBoolean()).isTrue();
        assertThat(ids.json().has("total")).isFalse();

        Answer unbounded = call("POST", "/rest/api/3/search/jql", "{\"jql\":\"ORDER BY key\"}");
        assertThat(unbounded.code()).isEqualTo(400);
        fake.assertNoViolations();
    }

    @Test
    void aKeyThatNoLongerExistsFailsTheWholeJqlUnlessValidationIsOff() throws IOException {
        fake = FakeJira.start(Mode.DATACENTER);
        String key = fake.createIssue("OPS", "one");
        fake.delete(key);
        String kept = fake.createIssue("OPS", "two");
        String jql = "key in (\\\"" + key + "\\\", \\\"" + kept + "\\\")";

        Answer strict = call("POST", "/rest/api/2/search", "{\"jql\":\"" + jql + "\"}");
        assertThat(strict.code()).isEqualTo(400);
        assertThat(strict.json().path("errorMessages").get(0).asText())
                .isEqualTo("An issue with key '" + key + "' does not exist for field 'key'.");

        Answer lenient = call("POST", "/rest/api/2/search", "{\"jql\":\"" + jql + "\",\"validateQuery\":false}");
        assertThat(lenient.code()).isEqualTo(200);
        assertThat(lenient.json().path("total").asInt()).isEqualTo(1);
        assertThat(lenient.json().path("warningMessages")).hasSize(1);
        fake.assertNoViolations();
    }

    @Test
    void aMovedIssueIsFoundUnderItsOldKey() throws IOException {
        fake = FakeJira.start(Mode.CLOUD);
        fake.project("SRE", "Site reliability");
        String old = fake.createIssue("OPS", "moving");
        String now = fake.move(old, "SRE");

        Answer get = call("GET", "/rest/api/3/issue/" + old, null);
        assertThat(get.json().path("key").asText()).isEqualTo(now);
        Answer fetched = call(
                "POST",
                "/rest/api/3/issue/bulkfetch",
                "{\"issueIdsOrKeys\":[\"" + old + "\"],\"fields\":[\"summary\"]}");
        assertThat(fetched.json().path("issues").get(0).path("key").asText()).isEqualTo(now);
        fake.assertNoViolations();
    }

    @Test
    void dataCenterHasNoRestV3AndWrongCredentialsAre401() throws IOException {
        fake = FakeJira.start(Mode.DATACENTER);

        assertThat(call("GET", "/rest/api/3/myself", null).code()).isEqualTo(404);
        assertThat(fake.violations()).singleElement().asString().contains("Data Center has no REST v3");
        assertThat(call("GET", "/rest/api/2/myself", null, "Bearer nope").code())
                .isEqualTo(401);
        assertThat(call("GET", "/rest/api/2/myself", null, null).code()).isEqualTo(401);
    }

    @Test
    void faultsHappenOnceInOrder() throws IOException {
        fake = FakeJira.start(Mode.CLOUD);
        fake.inject(Operation.MYSELF, Fault.rateLimited(7));
        fake.inject(Operation.MYSELF, Fault.disconnect());

        Request request = new Request.Builder()
                .url(fake.url().toString() + "rest/api/3/myself")
                .header(
                        "Authorization",
                        Credentials.basic(fake.auth().email(), fake.secretValue(), StandardCharsets.UTF_8))
                .build();
        try (Response r = http.newCall(request).execute()) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.header("Retry-After")).isEqualTo("7");
            assertThat(r.header("X-RateLimit-Reset")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
        }
        assertThatThrownBy(() -> http.newCall(request).execute().close()).isInstanceOf(IOException.class);
        assertThat(call("GET", "/rest/api/3/myself", null).code()).isEqualTo(200);
        assertThat(fake.count(Operation.MYSELF)).isEqualTo(3);
    }
}
