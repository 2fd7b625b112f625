package dev.atelier.payment.webhook;

import static dev.atelier.payment.PaymentFixture.openCardPayments;
import static dev.atelier.payment.StripeEvents.chargeRefunded;
import static dev.atelier.payment.StripeEvents.disputeCreated;
import static dev.atelier.payment.StripeEvents.newEventId;
import static dev.atelier.payment.StripeEvents.sessionEvent;
import static dev.atelier.payment.StripeEvents.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.EventJson;
import dev.atelier.events.Topics;
import dev.atelier.events.payment.PaymentDisputed;
import dev.atelier.payment.Http;
import dev.atelier.payment.PaymentFixture.OpenPayment;
import dev.atelier.payment.PaymentTest;
import dev.atelier.payment.StripeStub;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Four Stripe events of one session (a delayed payment completed, then succeeded; an expiry; a full refund) in all 24
 * orders: every order ends in the same state with the same events, because each report is a fact merged into the
 * payment, and an expiry is checked against the session's true state at Stripe.
 */
@PaymentTest
class WebhookOrderingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final List<String> EVENTS = List.of("completed", "async_succeeded", "expired", "refunded");

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    EventPublisher publisher;
    EventProbe payments;

    @BeforeEach
    void setUp() {
        StripeStub.reset();
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
    void allTwentyFourOrdersOfFourEventsEndInTheSameStateWithTheSameEvents() {
        List<List<String>> orders = permutations(EVENTS);
        assertThat(orders).hasSize(24).doesNotHaveDuplicates();
        List<OpenPayment> opened = openCardPayments(publisher, payments, 3048, orders.size());

        for (int i = 0; i < orders.size(); i++) {
            OpenPayment payment = opened.get(i);
            String intent = "pi_test_order_" + i;
            // the truth at Stripe: the session was completed and paid
            StripeStub.sessionIs(payment.sessionId(), "complete", "paid", 3048);
            Map<String, String> events = Map.of(
                    "completed", sessionEvent(newEventId(), "checkout.session.completed", payment.sessionId(),
                            payment.paymentId(), payment.orderId(), 3048, "gbp", "complete", "unpaid", intent),
                    "async_succeeded", sessionEvent(newEventId(), "checkout.session.async_payment_succeeded",
                            payment.sessionId(), payment.paymentId(), payment.orderId(), 3048, "gbp", "complete", "paid",
                            intent),
                    "expired", sessionEvent(newEventId(), "checkout.session.expired", payment.sessionId(),
                            payment.paymentId(), payment.orderId(), 3048, "gbp", "expired", "unpaid", null),
                    "refunded", chargeRefunded(newEventId(), intent, payment.paymentId(), payment.orderId(), 3048, 3048));
            for (String name : orders.get(i)) {
                deliver(events.get(name), "%s in order %s".formatted(name, orders.get(i)));
            }
            // a last event after the four is the barrier for this payment's events on the topic
            deliver(disputeCreated(newEventId(), intent, 3048, "fraudulent"), "barrier");
        }

        List<String> expected = List.of("PaymentSessionCreated", "PaymentSucceeded", "PaymentRefunded 3048",
                "PaymentDisputed");
        for (int i = 0; i < orders.size(); i++) {
            OpenPayment payment = opened.get(i);
            payments.awaitEvent(PaymentDisputed.class, e -> e.orderId().equals(payment.orderId()), DEADLINE);
            assertThat(eventsOf(payment)).as("events for order %s", orders.get(i)).isEqualTo(expected);
            assertThat(jdbc.queryForMap("""
                    SELECT status, paid_amount, refunded_amount, provider_refunded, provider_reference
                      FROM payment WHERE id = ?""", payment.paymentId()))
                    .as("final state for order %s", orders.get(i))
                    .containsEntry("status", "SUCCEEDED").containsEntry("paid_amount", 3048L)
                    .containsEntry("refunded_amount", 3048L).containsEntry("provider_refunded", 3048L)
                    .containsEntry("provider_reference", "pi_test_order_" + i);
        }
    }

    private void deliver(String payload, String what) {
        Http.Answer answer = http.webhook("/webhooks/stripe", payload.getBytes(StandardCharsets.UTF_8), sign(payload));
        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(200);
    }

    private List<String> eventsOf(OpenPayment payment) {
        Function<String, String> describe = value -> value;
        List<String> seen = new ArrayList<>();
        payments.records().stream().filter(r -> payment.orderId().toString().equals(r.key())).forEach(r -> {
            String type = EventProbe.header(r, "eventType");
            if ("PaymentRefunded".equals(type)) {
                seen.add(type + " " + EventJson.mapper().readTree(r.value()).get("amount").get("amount").asLong());
            } else {
                seen.add(describe.apply(type));
            }
        });
        return seen;
    }

    private static List<List<String>> permutations(List<String> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<String>> all = new ArrayList<>();
        for (String first : items) {
            List<String> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<String> tail : permutations(rest)) {
                List<String> one = new ArrayList<>();
                one.add(first);
                one.addAll(tail);
                all.add(one);
            }
        }
        return all;
    }
}
