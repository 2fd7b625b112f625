package dev.atelier.payment.giftcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.payment.Http;
import dev.atelier.payment.PaymentTest;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Gift cards at checkout: held on PaymentRequested, spent on success, given back otherwise, never overdrawn. */
@PaymentTest
class GiftCardCheckoutTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    EventPublisher publisher;
    EventProbe payments;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        publisher = EventPublisher.toSharedBroker();
        payments = EventProbe.on(Topics.PAYMENT_PAYMENT);
    }

    @AfterEach
    void tearDown() {
        payments.close();
        publisher.close();
    }

    @Test
    void twentyConcurrentCheckoutsNeverOverdrawACardAndTheLedgerAlwaysAddsUp() {
        JsonNode card = issue(10_000);
        UUID cardId = UUID.fromString(card.get("id").asString());
        String code = card.get("code").asString();
        List<PaymentRequested> checkouts = IntStream.range(0, 20).mapToObj(i -> request(3_000, code)).toList();
        checkouts.forEach(r -> publisher.send(r, UUID.randomUUID()));
        publisher.flush();

        // three orders are covered by the card, one in part (1,000 left), sixteen get nothing from it
        await().atMost(DEADLINE).until(() -> jdbc.queryForObject("SELECT count(*) FROM payment WHERE order_id IN ("
                + String.join(",", checkouts.stream().map(r -> "'" + r.orderId() + "'").toList()) + ")",
                Integer.class) == 20);
        assertThat(jdbc.queryForList("SELECT amount FROM gift_card_hold WHERE gift_card_id = ?", Long.class, cardId))
                .containsExactlyInAnyOrder(3_000L, 3_000L, 3_000L, 1_000L);
        assertThat(figures(cardId)).containsEntry("balance", 1_000L).containsEntry("held", 1_000L);
        assertLedgerAddsUp(cardId);
        long giftParts = checkouts.stream().mapToLong(r -> jdbc.queryForObject(
                "SELECT gift_card_amount FROM payment WHERE order_id = ?", Long.class, r.orderId())).sum();
        assertThat(giftParts).isEqualTo(10_000L);

        List<PaymentRequested> byProvider = checkouts.stream().filter(r -> jdbc.queryForObject(
                "SELECT amount FROM payment WHERE order_id = ?", Long.class, r.orderId()) > 0).toList();
        assertThat(byProvider).hasSize(17);
        for (PaymentRequested checkout : byProvider) {
            PaymentSessionCreated session = payments.awaitEvent(PaymentSessionCreated.class,
                    e -> e.orderId().equals(checkout.orderId()), DEADLINE);
            assertThat(http.postForm("/pay/sandbox/" + session.sessionId() + "/pay").status()).isEqualTo(303);
        }
        for (PaymentRequested checkout : checkouts) {
            PaymentSucceeded paid = payments.awaitEvent(PaymentSucceeded.class,
                    e -> e.orderId().equals(checkout.orderId()), DEADLINE);
            assertThat(paid.amount()).isEqualTo(Money.gbp(3_000));
        }
        assertThat(figures(cardId)).containsEntry("balance", 0L).containsEntry("held", 0L);
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM gift_card_hold WHERE gift_card_id = ?", String.class,
                cardId)).containsExactly("SPENT");
        assertLedgerAddsUp(cardId);
    }

    @Test
    void aCardThatCoversTheOrderPaysItWithoutAProviderAndCancellationPutsItBack() {
        JsonNode card = issue(5_000);
        UUID cardId = UUID.fromString(card.get("id").asString());
        PaymentRequested checkout = request(2_000, card.get("code").asString());
        publisher.publish(checkout);

        PaymentSucceeded paid = payments.awaitEvent(PaymentSucceeded.class, e -> e.orderId().equals(checkout.orderId()),
                DEADLINE);
        assertThat(paid.provider()).isEqualTo("gift_card");
        assertThat(paid.amount()).isEqualTo(Money.gbp(2_000));
        assertThat(payments.events(PaymentSessionCreated.class)).noneMatch(e -> e.orderId().equals(checkout.orderId()));
        assertThat(figures(cardId)).containsEntry("balance", 3_000L).containsEntry("held", 0L);

        publisher.publish(new OrderCancelled(checkout.orderId(), checkout.orderNumber(), "CUSTOMER", Instant.now()));
        await().atMost(DEADLINE).until(() -> figures(cardId).get("balance").equals(5_000L));
        assertLedgerAddsUp(cardId);
    }

    @Test
    void aDeclinedPaymentReleasesItsHold() {
        JsonNode card = issue(5_000);
        UUID cardId = UUID.fromString(card.get("id").asString());
        PaymentRequested checkout = request(8_000, card.get("code").asString());
        publisher.publish(checkout);
        PaymentSessionCreated session = payments.awaitEvent(PaymentSessionCreated.class,
                e -> e.orderId().equals(checkout.orderId()), DEADLINE);
        assertThat(jdbc.queryForObject("SELECT amount FROM payment WHERE order_id = ?", Long.class, checkout.orderId()))
                .isEqualTo(3_000);
        assertThat(figures(cardId)).containsEntry("held", 5_000L);
        // the history written with the payment, in its order, then the session's line
        assertThat(jdbc.queryForList("""
                SELECT r.kind FROM payment_record r JOIN payment p ON p.id = r.payment_id
                WHERE p.order_id = ? ORDER BY r.id""", String.class, checkout.orderId()))
                .containsExactly("GIFT_CARD_HELD", "REQUESTED", "SESSION_OPENED");

        assertThat(http.postForm("/pay/sandbox/" + session.sessionId() + "/decline").status()).isEqualTo(303);

        payments.awaitEvent(PaymentFailed.class, e -> e.orderId().equals(checkout.orderId()), DEADLINE);
        assertThat(figures(cardId)).containsEntry("balance", 5_000L).containsEntry("held", 0L);
        assertLedgerAddsUp(cardId);
    }

    @Test
    void anUnknownCodeFailsThePaymentWithTheReason() {
        PaymentRequested checkout = request(2_000, "0000-0000-0000-0000-0");
        publisher.publish(checkout);
        PaymentFailed failed = payments.awaitEvent(PaymentFailed.class, e -> e.orderId().equals(checkout.orderId()),
                DEADLINE);
        assertThat(failed.reason()).isEqualTo("gift_card_unknown");
    }

    @Test
    void theBalanceIsPublicButRateLimitedAndTypos400() throws Exception {
        JsonNode card = issue(2_500);
        String code = card.get("code").asString();
        String client = "203.0.113." + (int) (Math.random() * 250);

        HttpResponse<String> balance = balance(code, client);
        assertThat(balance.statusCode()).isEqualTo(200);
        JsonNode body = Http.parse(balance.body());
        assertThat(body.get("balance").get("amount").asLong()).isEqualTo(2_500);
        assertThat(body.get("last4").asString()).isEqualTo(code.replace("-", "").substring(13));
        assertThat(body.toString()).doesNotContain(code.replace("-", ""));

        String typo = code.substring(0, 3) + (code.charAt(3) == 'A' ? 'B' : 'A') + code.substring(4);
        assertThat(balance(typo, client).statusCode()).isEqualTo(400);
        for (int i = 0; i < 8; i++) {
            balance(code, client);
        }
        HttpResponse<String> limited = balance(code, client);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(balance(code, "198.51.100.7").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> balance(String code, String client) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/payments/gift-cards/" + code + "/balance"))
                .header("X-Forwarded-For", client).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode issue(long pence) {
        Http.Answer issued = http.postJson("/api/admin/payments/gift-cards", "{\"amount\": " + pence + "}");
        assertThat(issued.status()).isEqualTo(201);
        return issued.json();
    }

    private static PaymentRequested request(long pence, String giftCardCode) {
        UUID orderId = UUID.randomUUID();
        return new PaymentRequested(orderId, "AT-" + orderId.toString().substring(0, 8).toUpperCase(), Money.gbp(pence),
                "sandbox", "hannah.price@example.co.uk", Instant.now(), null, null, giftCardCode, null, null);
    }

    private Map<String, Object> figures(UUID cardId) {
        return jdbc.queryForMap("SELECT balance, held FROM gift_card WHERE id = ?", cardId);
    }

    private void assertLedgerAddsUp(UUID cardId) {
        assertThat(jdbc.queryForMap("""
                SELECT c.balance = sum(l.balance_delta) AS balance_matches, c.held = sum(l.held_delta) AS held_matches,
                       c.balance >= 0 AND c.held >= 0 AND c.held <= c.balance AS within
                  FROM gift_card c JOIN gift_card_ledger l ON l.gift_card_id = c.id
                 WHERE c.id = ? GROUP BY c.id""", cardId))
                .containsEntry("balance_matches", true).containsEntry("held_matches", true).containsEntry("within", true);
    }
}
