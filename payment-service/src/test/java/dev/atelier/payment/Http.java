package dev.atelier.payment;

import dev.atelier.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.atelier.testing.TestTokens;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Real HTTP calls to the service under test; redirects are not followed, so that a test sees them. */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response: status, headers and body. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return body.isBlank() ? EventJson.mapper().nullNode() : EventJson.mapper().readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse("");
        }
    }

    public static JsonNode parse(String json) {
        return EventJson.mapper().readTree(json);
    }

    /** The staff member (with the second factor) whose token the back-office calls carry. */
    public static final UUID STAFF_ID = UUID.fromString("5a7f0c1e-2b3d-4e8f-9a6b-0c1d2e3f4a5b");

    public Answer get(String path) {
        return send(staff(path, HttpRequest.newBuilder(URI.create(base + path))).GET());
    }

    /** A GET with the given bearer token, or none. */
    public Answer get(String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public Answer postJson(String path, String json) {
        return send(staff(path, HttpRequest.newBuilder(URI.create(base + path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer postJson(String path, String json, String idempotencyKey) {
        return send(staff(path, HttpRequest.newBuilder(URI.create(base + path))).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Back-office paths carry a staff token signed in with the second factor, as the admin app's calls do. */
    private static HttpRequest.Builder staff(String path, HttpRequest.Builder request) {
        if (path.startsWith("/api/admin/")) {
            request.header("Authorization", "Bearer " + TestTokens.get().mint(STAFF_ID, List.of("STAFF"),
                    List.of("pwd", "otp"), Duration.ofMinutes(10)));
        }
        return request;
    }

    /** A browser's form post with no fields, as the sandbox page's buttons send. */
    public Answer postForm(String path) {
        return postForm(path, "");
    }

    /** A browser's form post with url-encoded fields. */
    public Answer postForm(String path, String fields) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)));
    }

    /** A Stripe webhook delivery: the raw bytes and the signature header, if any. */
    public Answer webhook(String path, byte[] body, String signature) {
        return webhook(path, body, "Stripe-Signature", signature);
    }

    /** A webhook delivery: the raw bytes and the named signature header, if any. */
    public Answer webhook(String path, byte[] body, String signatureHeader, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(signatureHeader, signature);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
