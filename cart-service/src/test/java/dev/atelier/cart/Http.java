package dev.atelier.cart;

import dev.atelier.events.EventJson;
import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Real HTTP calls to the service under test, answers as JSON trees. A shopper's {@code cart_id} cookie is kept
 * and sent back, as a browser would; calls to {@code /api/admin/**} carry the token of staff member {@link #STAFF}.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** The staff member every admin call of the tests is made by (a token with a second factor). */
    public static final UUID STAFF = UUID.randomUUID();
    private static final String STAFF_TOKEN = TestTokens.get().mint(STAFF, List.of("CUSTOMER", "STAFF"),
            List.of("otp", "pwd"), Duration.ofHours(1));
    private final String base;
    private volatile @Nullable String cartCookie;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response: status, headers we look at, body. */
    public record Answer(int status, String contentType, JsonNode body, List<String> setCookies,
            @Nullable String retryAfter) {

        public String type() {
            return body.path("type").asString("");
        }
    }

    public @Nullable String cartCookie() {
        return cartCookie;
    }

    public void cartCookie(@Nullable String value) {
        cartCookie = value;
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    /** A POST to an admin path with this {@code Authorization} header instead of the staff token (none if null). */
    public Answer postAs(@Nullable String authorization, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (path.startsWith("/api/admin/")) {
            builder.header("Authorization", "Bearer " + STAFF_TOKEN);
        }
        String cookie = cartCookie;
        if (cookie != null) {
            builder.header("Cookie", "cart_id=" + cookie);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            setCookies.stream().filter(c -> c.startsWith("cart_id=")).findFirst()
                    .ifPresent(c -> cartCookie = c.substring("cart_id=".length(), c.indexOf(';')));
            String body = response.body();
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    body.isBlank() ? EventJson.mapper().nullNode() : EventJson.mapper().readTree(body), setCookies,
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
