package dev.atelier.notification;

import dev.atelier.events.EventJson;
import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Real HTTP calls to the service under test, answers as JSON trees; staff's token on the admin API. */
public final class Http {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response: status, content type and body. */
    public record Answer(int status, String contentType, JsonNode body, String text) {
    }

    /** A GET; on the admin API with a staff token (signed in with a second factor), as staff's browser sends it. */
    public Answer get(String path) {
        return send(signedIn(path, HttpRequest.newBuilder(URI.create(base + path)).GET()));
    }

    /** A GET with the given bearer token, or none when {@code token} is null. */
    public Answer getAs(String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public Answer post(String path, String json) {
        return send(signedIn(path, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("X-Atelier-Actor", "alex@shop.example")
                .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    private static HttpRequest.Builder signedIn(String path, HttpRequest.Builder request) {
        return path.startsWith("/api/admin/") ? request.header("Authorization", "Bearer " + TestTokens.staff())
                : request;
    }

    /** A POST of a form body, as a browser or a mail client's one-click unsubscribe sends it. */
    public Answer postForm(String pathAndQuery, String form) {
        return send(HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : base + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A GET whose body is text (HTML pages). */
    public String text(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String type = response.headers().firstValue("Content-Type").orElse("");
            boolean json = type.contains("json");
            return new Answer(response.statusCode(), type, body.isBlank() || !json ? EventJson.mapper().nullNode()
                    : EventJson.mapper().readTree(body), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
