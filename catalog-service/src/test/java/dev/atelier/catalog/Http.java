package dev.atelier.catalog;

import dev.atelier.events.EventJson;
import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/**
 * Real HTTP calls to the service under test, answers as JSON trees. Every call carries a token: by default the one of
 * a staff member who signed in with the second factor (what /api/admin/** needs; public paths ignore it), whose
 * account is the actor of the audit columns; {@link #asCustomer} a shopper's.
 */
public final class Http {

    public static final java.util.UUID STAFF = java.util.UUID.fromString("5ea1f000-0000-4000-8000-00000000a11c");
    public static final String ACTOR = "staff:" + STAFF;

    private final HttpClient client;
    private final String base;
    private final java.util.function.Supplier<String> token;

    public Http(int port) {
        this(port, Http::staffToken, HttpClient.newHttpClient());
    }

    private Http(int port, java.util.function.Supplier<String> token, HttpClient client) {
        this.base = "http://localhost:" + port;
        this.token = token;
        this.client = client;
    }

    /** The same calls from another local address (any of 127.0.0.0/8), as a caller other than the gateway. */
    public static Http from(int port, java.net.InetAddress local) {
        return new Http(port, Http::staffToken, HttpClient.newBuilder().localAddress(local).build());
    }

    /** The same calls as a signed-in shopper (what /api/account/** needs). */
    public static Http asCustomer(int port, java.util.UUID customerId) {
        return new Http(port, () -> TestTokens.customer(customerId), HttpClient.newHttpClient());
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
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String json, String ifMatch) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("If-Match", ifMatch)
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** A response with its raw bytes and headers, for images. */
    public record Raw(int status, java.net.http.HttpHeaders headers, byte[] body) {
    }

    /** A multipart upload of one file as the part {@code file}, with {@code headers} (name, value, …). */
    public Answer upload(String path, String filename, String contentType, byte[] bytes, String... headers) {
        String boundary = "test-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public Raw raw(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token.get()).GET();
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

    /** The token every call of this helper carries. */
    public static String staffToken() {
        return TestTokens.get().mint(STAFF, java.util.List.of("CUSTOMER", "STAFF"), java.util.List.of("otp", "pwd"),
                java.time.Duration.ofMinutes(10));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.header("Authorization", "Bearer " + token.get())
                    .build(), HttpResponse.BodyHandlers.ofString());
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
