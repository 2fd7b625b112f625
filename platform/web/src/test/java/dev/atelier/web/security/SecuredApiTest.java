package dev.atelier.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The resource-server rules over real HTTP with tokens from the test issuer's JWKS. */
@SpringBootTest(classes = SecuredApiTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecuredApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SpringBootApplication
    static class App {

        @RestController
        static class Api {

            @GetMapping("/api/account/profile")
            Map<String, Object> profile(Caller caller) {
                return Map.of("customerId", caller.customerId().toString(), "roles", List.copyOf(caller.roles()));
            }

            @PostMapping("/api/admin/things")
            Map<String, String> adminThing(Caller caller) {
                return Map.of("actor", caller.actor(), "admin", String.valueOf(caller.isAdmin()));
            }

            @GetMapping("/api/catalog/things")
            String open() {
                return "open";
            }
        }
    }

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("atelier.security.jwk-set-uri", () -> TestTokens.get().jwkSetUri());
        registry.add("atelier.security.issuer", () -> TestTokens.ISSUER);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void anAccountPathNeedsACustomerTokenAndSeesItsSubject() {
        UUID customer = UUID.randomUUID();
        Answer ok = call("GET", "/api/account/profile", TestTokens.customer(customer));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("customerId").asString()).isEqualTo(customer.toString());

        Answer none = call("GET", "/api/account/profile", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().path("type").asString()).isEqualTo("https://atelier.dev/problems/unauthenticated");
        assertThat(none.wwwAuthenticate()).startsWith("Bearer");

        assertThat(call("GET", "/api/account/profile", TestTokens.expired(customer)).status()).isEqualTo(401);
        assertThat(call("GET", "/api/account/profile", "not.a.token").status()).isEqualTo(401);
    }

    @Test
    void anAdminPathNeedsStaffWithASecondFactor() {
        assertThat(call("POST", "/api/admin/things", TestTokens.staff()).status()).isEqualTo(200);
        Answer admin = call("POST", "/api/admin/things", TestTokens.admin());
        assertThat(admin.json().path("admin").asString()).isEqualTo("true");
        assertThat(admin.json().path("actor").asString()).startsWith("staff:");

        Answer withoutOtp = call("POST", "/api/admin/things", TestTokens.staffWithoutSecondFactor());
        assertThat(withoutOtp.status()).isEqualTo(403);
        assertThat(withoutOtp.json().path("type").asString()).isEqualTo("https://atelier.dev/problems/forbidden");
        assertThat(call("POST", "/api/admin/things", TestTokens.customer(UUID.randomUUID())).status()).isEqualTo(403);
        assertThat(call("POST", "/api/admin/things", null).status()).isEqualTo(401);
    }

    @Test
    void aTokenWithATamperedSignatureIsRefused() {
        String genuine = TestTokens.get().mint(UUID.randomUUID(), List.of("CUSTOMER"), List.of("pwd"),
                java.time.Duration.ofMinutes(5));
        String tampered = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA" + genuine.substring(
                genuine.lastIndexOf('.') + 5);
        assertThat(call("GET", "/api/account/profile", tampered).status()).isEqualTo(401);
    }

    @Test
    void otherPathsKeepTheirRules() {
        Answer open = call("GET", "/api/catalog/things", null);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body()).isEqualTo("open");
    }

    record Answer(int status, String contentType, String body, String wwwAuthenticate) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Answer call(String method, String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
