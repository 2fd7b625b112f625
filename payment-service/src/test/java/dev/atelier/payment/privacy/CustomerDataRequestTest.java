package dev.atelier.payment.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.GiftCardIssued;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.payment.Http;
import dev.atelier.payment.PaymentTest;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A customer's export and erasure, for what payment-service holds: their payments (by e-mail, whatever its case) and
 * the gift cards they bought. After erasure no text column of the schema holds the e-mail, and every amount is kept.
 */
@PaymentTest
class CustomerDataRequestTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    EventPublisher publisher;
    EventProbe events;

    @BeforeEach
    void setUp() {
        publisher = EventPublisher.toSharedBroker();
        events = EventProbe.on(Topics.PAYMENT_PAYMENT, Topics.CUSTOMER_DATA_REQUEST);
    }

    @AfterEach
    void tearDown() {
        events.close();
        publisher.close();
    }

    @Test
    void theExportListsPaymentsAndCardsAndTheErasureLeavesNoEMailButEveryAmount() {
        UUID customerId = UUID.randomUUID();
        String email = "erin." + customerId.toString().substring(0, 8) + "@example.org";
        PaymentRequested payment = paymentBy(email.toUpperCase());
        PaymentRequested someoneElse = paymentBy("someone." + customerId.toString().substring(0, 8) + "@example.org");
        OrderConfirmed boughtCard = cardBoughtBy(customerId, email);
        publisher.send(payment, UUID.randomUUID());
        publisher.send(someoneElse, UUID.randomUUID());
        publisher.send(boughtCard, UUID.randomUUID());
        publisher.flush();
        events.awaitEvent(PaymentSessionCreated.class, e -> e.orderId().equals(payment.orderId()), DEADLINE);
        events.awaitEvent(PaymentSessionCreated.class, e -> e.orderId().equals(someoneElse.orderId()), DEADLINE);
        GiftCardIssued card = events.awaitEvent(GiftCardIssued.class, e -> e.orderId().equals(boughtCard.orderId()),
                DEADLINE);
        List<Map<String, Object>> amountsBefore = amounts(payment.orderId(), boughtCard.orderId());

        UUID exportId = UUID.randomUUID();
        publisher.send(new CustomerDataExportRequested(exportId, customerId, email, Instant.now()), UUID.randomUUID());
        publisher.flush();
        CustomerDataPartReady part = events.awaitEvent(CustomerDataPartReady.class, e -> e.requestId().equals(exportId),
                DEADLINE);
        assertThat(part.service()).isEqualTo("payment");
        JsonNode json = Http.parse(part.partJson());
        assertThat(json.get("payments")).hasSize(1);
        assertThat(json.get("payments").get(0).get("orderNumber").asString()).isEqualTo(payment.orderNumber());
        assertThat(json.get("payments").get(0).get("orderAmount").asString()).isEqualTo("42.50 GBP");
        assertThat(json.get("giftCardsBought")).hasSize(1);
        assertThat(json.get("giftCardsBought").get(0).get("cardEndingIn").asString()).isEqualTo(card.last4());
        assertThat(part.partJson()).doesNotContain(card.code()).doesNotContain(someoneElse.orderNumber());

        UUID erasureId = UUID.randomUUID();
        publisher.send(new CustomerErasureRequested(erasureId, customerId, email, Instant.now()), UUID.randomUUID());
        publisher.flush();
        CustomerErasureConfirmed confirmed = events.awaitEvent(CustomerErasureConfirmed.class,
                e -> e.requestId().equals(erasureId), DEADLINE);
        assertThat(confirmed.service()).isEqualTo("payment");
        assertThat(confirmed.anonymised()).isEqualTo(3); // the payment, its sandbox session, the card's purchaser

        for (String column : textColumns()) {
            String[] tableAndColumn = column.split("\\.");
            if (tableAndColumn[0].equals("outbox")) {
                // GiftCardIssued carried the e-mail to notification; the relay removes a row once Kafka has it
                await().atMost(DEADLINE).until(() -> occurrences(tableAndColumn, email) == 0);
            } else {
                assertThat(occurrences(tableAndColumn, email)).as(column).isZero();
            }
        }
        assertThat(amounts(payment.orderId(), boughtCard.orderId())).isEqualTo(amountsBefore);
        assertThat(jdbc.queryForObject("SELECT customer_email FROM payment WHERE order_id = ?", String.class,
                someoneElse.orderId())).startsWith("someone.");

        UUID again = UUID.randomUUID();
        publisher.send(new CustomerErasureRequested(again, customerId, email, Instant.now()), UUID.randomUUID());
        publisher.flush();
        assertThat(events.awaitEvent(CustomerErasureConfirmed.class, e -> e.requestId().equals(again), DEADLINE)
                .anonymised()).isZero();
    }

    private List<String> textColumns() {
        return jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                 WHERE table_schema = current_schema()
                   AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')""", String.class);
    }

    private int occurrences(String[] tableAndColumn, String email) {
        return jdbc.queryForObject("SELECT count(*) FROM " + tableAndColumn[0] + " WHERE " + tableAndColumn[1]
                + "::text ILIKE ?", Integer.class, "%" + email + "%");
    }

    private List<Map<String, Object>> amounts(UUID paymentOrder, UUID cardOrder) {
        return jdbc.queryForList("""
                SELECT 'payment' AS kind, amount, gift_card_amount AS other, currency, status FROM payment WHERE order_id = ?
                UNION ALL
                SELECT 'card', initial_amount, balance, currency, issued_by FROM gift_card WHERE order_id = ?
                ORDER BY kind""", paymentOrder, cardOrder);
    }

    private static PaymentRequested paymentBy(String email) {
        UUID orderId = UUID.randomUUID();
        return new PaymentRequested(orderId, "AT-" + orderId.toString().substring(0, 8).toUpperCase(), Money.gbp(4250),
                "sandbox", email, Instant.now());
    }

    private static OrderConfirmed cardBoughtBy(UUID customerId, String email) {
        UUID orderId = UUID.randomUUID();
        OrderLine line = new OrderLine(UUID.randomUUID(), "GIFTCARD-25", 1, Money.gbp(2500), Map.of(), "Gift card",
                null, null, null, Money.gbp(2500));
        return new OrderConfirmed(orderId, "AT-" + orderId.toString().substring(0, 8).toUpperCase(), "web", email,
                List.of(line), Money.gbp(2500), Instant.now(), customerId, null, null, null, null, null);
    }
}
