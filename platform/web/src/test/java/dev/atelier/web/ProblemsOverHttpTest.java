package dev.atelier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every kind of bad request gets problem+json with a stable type over the real HTTP stack, never a 5xx or HTML. */
@SpringBootTest(classes = WebTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.servlet.multipart.max-file-size=1KB", "spring.servlet.multipart.max-request-size=2KB",
        "atelier.web.max-json-body=4KB", "atelier.web.cursor-secret=a-test-secret-of-some-length"})
class ProblemsOverHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    record Case(String name, String method, String path, String contentType, byte[] body, int status, String type,
            String detailContains) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badRequests() {
        String big = "{\"sku\":\"" + "x".repeat(5000) + "\",\"quantity\":1}";
        return Stream.of(
                new Case("validation", "POST", "/lines", "application/json",
                        bytes("{\"sku\":\" \",\"quantity\":11}"), 400, "validation", "quantity"),
                new Case("malformed JSON", "POST", "/lines", "application/json", bytes("{\"sku\": "), 400,
                        "malformed-body", "not valid JSON"),
                new Case("missing body", "POST", "/lines", "application/json", new byte[0], 400, "malformed-body",
                        "needs a JSON body"),
                new Case("wrong type in a JSON field", "POST", "/lines", "application/json",
                        bytes("{\"sku\":\"A\",\"quantity\":\"many\"}"), 400, "validation", "quantity"),
                new Case("unknown enum value", "POST", "/lines", "application/json",
                        bytes("{\"sku\":\"A\",\"quantity\":1,\"colour\":\"BLUE\"}"), 400, "validation", "RED"),
                new Case("over-large JSON", "POST", "/lines", "application/json", bytes(big), 413,
                        "payload-too-large", "4 KB"),
                new Case("wrong type in a path", "GET", "/lines/not-a-uuid", null, null, 400, "validation", "UUID"),
                new Case("wrong type in a query", "GET", "/numbers?limit=ten", null, null, 400, "validation",
                        "whole number"),
                new Case("limit out of range", "GET", "/numbers?limit=500", null, null, 400, "validation",
                        "between 1 and 20"),
                new Case("forged cursor", "GET", "/numbers?cursor=NQ.AAAAAAAAAAAAAAAAAAAAAA", null, null, 400,
                        "invalid-cursor", "not one this API handed out"),
                new Case("garbage cursor", "GET", "/numbers?cursor=%25%25", null, null, 400, "invalid-cursor",
                        "handed out"),
                new Case("unknown path", "GET", "/nowhere", null, null, 404, "not-found", ""),
                new Case("wrong method", "DELETE", "/lines", null, null, 405, "method-not-allowed", ""),
                new Case("wrong media type", "POST", "/lines", "text/plain", bytes("sku=A"), 415,
                        "unsupported-media-type", ""),
                new Case("too-large upload", "POST", "/uploads", "multipart/form-data; boundary=XYZ",
                        multipart(3000), 413, "payload-too-large", ""),
                new Case("a service's refusal", "GET", "/refusal", null, null, 503, "catalog-unavailable",
                        "does not answer"),
                new Case("illegal argument", "GET", "/illegal", null, null, 400, "invalid-request", "spaces"),
                new Case("database constraint", "GET", "/constraint", null, null, 409, "conflict",
                        "nothing was written"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersEveryBadRequestWithProblemJson(Case c) throws Exception {
        HttpResponse<String> response = send(c.method(), c.path(), c.contentType(), c.body(), "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo(Problems.TYPE_ROOT + c.type());
        assertThat(problem.path("status").asInt()).isEqualTo(c.status());
        assertThat(problem.path("detail").asString()).contains(c.detailContains());
    }

    @Test
    void publishesNoRequestHandledEventPerRequest(@org.springframework.beans.factory.annotation.Autowired
            WebTestApp.RequestHandledEvents events, @org.springframework.beans.factory.annotation.Autowired
            org.springframework.boot.webmvc.autoconfigure.WebMvcProperties mvc) throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/lines/" + java.util.UUID.randomUUID())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }

        // the event would come after each response is written: three requests in, the first ones' would be seen
        assertThat(mvc.isPublishRequestHandledEvents()).isFalse();
        assertThat(events.seen).hasValue(0);
    }

    @Test
    void listsEveryOffendingField() throws Exception {
        HttpResponse<String> response = send("POST", "/lines", "application/json",
                bytes("{\"sku\":\"\",\"quantity\":0}"), "application/json");

        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertThat(errors.valueStream().map(e -> e.path("field").asString()).toList())
                .containsExactlyInAnyOrder("sku", "quantity");
        assertThat(errors.valueStream().map(e -> e.path("message").asString()).toList()).doesNotContain("");
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimit() throws Exception {
        byte[] body = bytes("{\"sku\":\"" + "y".repeat(6000) + "\",\"quantity\":1}");
        HttpRequest request = HttpRequest.newBuilder(uri("/lines"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("type").asString()).endsWith("/payload-too-large");
    }

    @Test
    void addsRetryAfterAndPropertiesToAServicesRefusal() throws Exception {
        HttpResponse<String> response = send("GET", "/refusal", null, null, "application/json");

        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(JSON.readTree(response.body()).path("service").asString()).isEqualTo("catalog");
    }

    @Test
    void answersProblemJsonToABrowserAskingForHtml() throws Exception {
        HttpResponse<String> response = send("GET", "/nowhere", null, null, "text/html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("<html").contains("not-found");
    }

    @Test
    void hidesTheInternalsOfAnUnexpectedError() throws Exception {
        HttpResponse<String> response = send("GET", "/bug", null, null, "application/json");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret internal detail").contains("internal-error");
    }

    @Test
    void pagesThroughWithTheCursorsItHandsOut() throws Exception {
        List<Integer> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/numbers?limit=5" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = JSON.readTree(send("GET", path, null, null, "application/json").body());
            page.path("items").forEach(n -> seen.add(n.asInt()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void refusesACursorSignedWithAnotherSecret() {
        String foreign = new Cursors("another-secret-of-some-length").encode("3");
        Cursors ours = new Cursors("a-test-secret-of-some-length");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ours.decode(foreign))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).type()).isEqualTo("invalid-cursor");
        assertThat(ours.decode(ours.encode("AT-2026-000123|42"))).isEqualTo("AT-2026-000123|42");
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", accept)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] multipart(int size) {
        String head = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        return bytes(head + "z".repeat(size) + "\r\n--XYZ--\r\n");
    }
}
