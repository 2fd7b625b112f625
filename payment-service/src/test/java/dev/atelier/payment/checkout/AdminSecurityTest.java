package dev.atelier.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.payment.Http;
import dev.atelier.payment.PaymentTest;
import dev.atelier.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@code /api/admin/payments/**} is a resource server of customer-service's tokens (platform/web): staff signed in with
 * the second factor only, the actor of a change is the caller's account; the shopper's and the providers' paths are
 * untouched (no token, no CSRF).
 */
@PaymentTest
class AdminSecurityTest {

    @Value("${local.server.port}")
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void theBackOfficeNeedsStaffWithTheSecondFactor() {
        String path = "/api/admin/payments?orderId=" + UUID.randomUUID();

        assertProblem(http.get(path, null), 401, "unauthenticated");
        assertProblem(http.get(path, TestTokens.expired(UUID.randomUUID())), 401, "unauthenticated");
        assertProblem(http.get(path, "not.a.token"), 401, "unauthenticated");
        assertProblem(http.get(path, TestTokens.customer(UUID.randomUUID())), 403, "forbidden");
        assertProblem(http.get(path, TestTokens.staffWithoutSecondFactor()), 403, "forbidden");
        assertThat(http.get(path, TestTokens.staff()).status()).isEqualTo(200);
        assertThat(http.get(path, TestTokens.admin()).body()).isEqualTo("[]");
    }

    @Test
    void aCardIssuedByStaffNamesTheirAccount() {
        Http.Answer issued = http.postJson("/api/admin/payments/gift-cards", "{\"amount\": 2000}");
        assertThat(issued.status()).isEqualTo(201);
        Http.Answer card = http.get("/api/admin/payments/gift-cards/" + issued.json().get("id").asString());
        assertThat(card.json().get("issuedBy").asString()).isEqualTo("staff:" + Http.STAFF_ID);
    }

    @Test
    void theShoppersAndProvidersPathsNeedNoToken() {
        assertThat(http.get("/api/payments/bank/" + "a".repeat(32) + "/status", null).status()).isEqualTo(404);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Http.Answer webhook = http.webhook("/webhooks/tink", body, "X-Tink-Signature", null);
        assertThat(webhook.status()).isEqualTo(400);
        assertThat(webhook.json().get("type").asString()).endsWith("/invalid-signature");
    }

    private static void assertProblem(Http.Answer answer, int status, String type) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).endsWith("/" + type);
    }
}
