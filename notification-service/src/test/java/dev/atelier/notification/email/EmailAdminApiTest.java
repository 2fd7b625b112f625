package dev.atelier.notification.email;

import static dev.atelier.notification.Mailbox.aNewAddress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.messaging.outbox.EventIds;
import dev.atelier.notification.Http;
import dev.atelier.notification.NotificationTest;
import dev.atelier.testing.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Staff's e-mail log over real HTTP: staff tokens, filters, cursor pages, one e-mail, retry refusals, problem+json. */
@NotificationTest
class EmailAdminApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Value("${local.server.port}")
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void listsARecipientsEmailsNewestFirstInCursorPages() {
        String shopper = aNewAddress("sophie");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(logged(shopper, i % 2 == 0 ? "SENT" : "FAILED", "order-confirmation", null));
        }
        String query = "/api/admin/notifications/emails?limit=2&recipient=" + encode(shopper.toUpperCase());

        Http.Answer first = http.get(query);
        Http.Answer second = http.get(query + "&cursor=" + first.body().get("nextCursor").asString());
        Http.Answer third = http.get(query + "&cursor=" + second.body().get("nextCursor").asString());

        assertThat(first.status()).isEqualTo(200);
        assertThat(idsOf(first)).containsExactly(ids.get(4), ids.get(3));
        assertThat(idsOf(second)).containsExactly(ids.get(2), ids.get(1));
        assertThat(idsOf(third)).containsExactly(ids.get(0));
        assertThat(third.body().get("nextCursor").isNull()).isTrue();
        JsonNode item = first.body().get("items").get(0);
        assertThat(item.get("recipient").asString()).isEqualTo(shopper);
        assertThat(item.get("status").asString()).isEqualTo("SENT");
        assertThat(item.get("attempts").asInt()).isEqualTo(1);
        assertThat(item.get("template").asString()).isEqualTo("order-confirmation");
    }

    @Test
    void filtersByStatusTemplateOrderAndDates() {
        String shopper = aNewAddress("sophie");
        UUID orderId = UUID.randomUUID();
        UUID failed = logged(shopper, "FAILED", "order-shipped", orderId);
        UUID sent = logged(shopper, "SENT", "order-confirmation", orderId);
        String base = "/api/admin/notifications/emails?recipient=" + encode(shopper);

        assertThat(idsOf(http.get(base + "&status=FAILED"))).containsExactly(failed);
        assertThat(idsOf(http.get(base + "&template=order-confirmation"))).containsExactly(sent);
        assertThat(idsOf(http.get("/api/admin/notifications/emails?orderId=" + orderId))).containsExactly(sent, failed);
        assertThat(idsOf(http.get(base + "&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z"))).isEmpty();
        assertThat(idsOf(http.get(base + "&from=2000-01-01T00:00:00Z"))).containsExactly(sent, failed);
    }

    @Test
    void showsOneEmailWithItsContent() {
        UUID id = logged(aNewAddress("sophie"), "SENT", "order-confirmation", null);

        Http.Answer answer = http.get("/api/admin/notifications/emails/" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("email").get("id").asString()).isEqualTo(id.toString());
        assertThat(answer.body().get("text").asString()).isEqualTo("Hello in text");
        assertThat(answer.body().get("html").asString()).isEqualTo("<p>Hello</p>");
        assertThat(answer.body().get("headers").get("List-Unsubscribe").asString()).isEqualTo("<https://x/u>");
    }

    @Test
    void withholdsTheBodyOfAGiftCardEmailItsCodeIsForTheRecipientOnly() {
        UUID id = logged(aNewAddress("sophie"), "SENT", "gift-card", null);

        Http.Answer answer = http.get("/api/admin/notifications/emails/" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("email").get("template").asString()).isEqualTo("gift-card");
        assertThat(answer.body().get("text").asString()).startsWith("(withheld").doesNotContain("Hello");
        assertThat(answer.body().get("html").asString()).startsWith("(withheld").doesNotContain("Hello");
    }

    @Test
    void refusesBadInputWithProblemDetails() {
        assertProblem(http.get("/api/admin/notifications/emails?limit=0"), 400, "validation");
        assertProblem(http.get("/api/admin/notifications/emails?status=LOST"), 400, "validation");
        assertProblem(http.get("/api/admin/notifications/emails?cursor=forged.cursor"), 400, "invalid-cursor");
        assertProblem(http.get("/api/admin/notifications/emails?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"),
                400, "validation");
        assertProblem(http.get("/api/admin/notifications/emails?from=yesterday"), 400, "validation");
        assertProblem(http.get("/api/admin/notifications/emails/" + UUID.randomUUID()), 404, "unknown-email");
        assertProblem(http.post("/api/admin/notifications/emails/" + UUID.randomUUID() + "/retry", ""), 404,
                "unknown-email");
    }

    @Test
    void theAdminApiNeedsAStaffTokenWithASecondFactorWhileTheDevInboxAndUnsubscribeStayOpen() {
        String list = "/api/admin/notifications/emails?limit=1";

        assertProblem(http.getAs(list, null), 401, "unauthenticated");
        assertProblem(http.getAs(list, TestTokens.expired(UUID.randomUUID())), 401, "unauthenticated");
        assertProblem(http.getAs(list, TestTokens.customer(UUID.randomUUID())), 403, "forbidden");
        assertProblem(http.getAs(list, TestTokens.staffWithoutSecondFactor()), 403, "forbidden");
        assertThat(http.getAs(list, TestTokens.staff()).status()).isEqualTo(200);
        assertThat(http.getAs(list, TestTokens.admin()).status()).isEqualTo(200);
        assertThat(http.getAs("/dev/inbox.json", null).status()).isEqualTo(200);
        assertThat(http.getAs("/unsubscribe?token=nonsense", null).status()).isEqualTo(400);
    }

    @Test
    void refusesToRetryAnEmailThatWasSent() {
        UUID id = logged(aNewAddress("sophie"), "SENT", "order-confirmation", null);

        Http.Answer answer = http.post("/api/admin/notifications/emails/" + id + "/retry", "");

        assertProblem(answer, 409, "email-not-retryable");
        assertThat(answer.body().get("status").asString()).isEqualTo("SENT");
        assertThat(answer.body().get("detail").asString()).contains("only FAILED or BOUNCED");
    }

    private UUID logged(String recipient, String status, String template, UUID orderId) {
        UUID id = EventIds.next();
        jdbc.update("""
                INSERT INTO email (id, template, cause_key, category, recipient, subject, html_body, text_body, headers,
                                   status, attempts, last_error, order_id, sent_at)
                VALUES (?, ?, ?, 'TRANSACTIONAL', ?, 'Hello', '<p>Hello</p>', 'Hello in text',
                        '{"List-Unsubscribe": "<https://x/u>"}', ?, 1, ?, ?, CASE WHEN ? = 'SENT' THEN now() END)""",
                id, template, "seed-" + id, recipient, status, "FAILED".equals(status) ? "550 mailbox unavailable" : null,
                orderId, status);
        return id;
    }

    private static List<UUID> idsOf(Http.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        answer.body().get("items").forEach(item -> ids.add(UUID.fromString(item.get("id").asString())));
        return ids;
    }

    private static void assertProblem(Http.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).contains("application/problem+json");
        assertThat(answer.body().get("type").asString()).isEqualTo("https://atelier.dev/problems/" + type);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
