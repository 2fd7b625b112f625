package dev.atelier.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * customer-service's keys out of reach: a bearer token cannot be checked, which is the service's trouble, not the
 * caller's — 503 problem+json with Retry-After, never the 500 Spring Security's default rethrow gives.
 */
@SpringBootTest(classes = IdentityUnavailableTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityUnavailableTest {

    @SpringBootApplication
    static class App {

        @RestController
        static class Api {

            @GetMapping("/api/account/profile")
            String profile(Caller caller) {
                return caller.customerId().toString();
            }
        }
    }

    @DynamicPropertySource
    static void keysNobodyServes(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String jwks = "http://127.0.0.1:" + closed + "/oauth2/jwks";
        registry.add("atelier.security.jwk-set-uri", () -> jwks);
        registry.add("atelier.security.issuer", () -> TestTokens.ISSUER);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void aTokenThatCannotBeCheckedIsA503WithRetryAfter() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/account/profile"))
                .header("Authorization", "Bearer " + TestTokens.customer(UUID.randomUUID())).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.body()).contains("https://atelier.dev/problems/identity-unavailable");
    }

    @Test
    void noTokenIsStillA401() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/account/profile")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
    }
}
