package dev.atelier.customer;

import dev.atelier.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** JSON API calls over real HTTP with an optional bearer token. */
public final class Api {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response: status, content type and body as JSON (a null node when empty or not JSON). */
    public record Answer(int status, String contentType, JsonNode body, String raw) {
    }

    public Answer get(String path, @Nullable String token) {
        return call("GET", path, token, null);
    }

    public Answer post(String path, @Nullable String token, @Nullable String json) {
        return call("POST", path, token, json);
    }

    public Answer put(String path, @Nullable String token, @Nullable String json) {
        return call("PUT", path, token, json);
    }

    public Answer delete(String path, @Nullable String token) {
        return call("DELETE", path, token, null);
    }

    public Answer call(String method, String path, @Nullable String token, @Nullable String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = contentType.contains("json") && !response.body().isBlank()
                    ? EventJson.mapper().readTree(response.body()) : EventJson.mapper().nullNode();
            return new Answer(response.statusCode(), contentType, body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
