package dev.atelier.catalog;

import dev.atelier.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Real HTTP calls to the service under test, answers as JSON trees. */
public final class Http {

    public static final String ACTOR = "alex@shop.example";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response: status, content type and body. */
    public record Answer(int status, String contentType, JsonNode body) {

        public String text(String field) {
            return body.get(field).asString();
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-Atelier-Actor", ACTOR).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String json, String ifMatch) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-Atelier-Actor", ACTOR).header("If-Match", ifMatch)
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-Atelier-Actor", ACTOR).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A response with its raw bytes and headers, for images. */
    public record Raw(int status, java.net.http.HttpHeaders headers, byte[] body) {
    }

    public Answer upload(String path, String filename, String contentType, byte[] bytes) {
        String boundary = "test-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Atelier-Actor", ACTOR).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public Raw raw(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Raw(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    body.isBlank() ? EventJson.mapper().nullNode() : EventJson.mapper().readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
