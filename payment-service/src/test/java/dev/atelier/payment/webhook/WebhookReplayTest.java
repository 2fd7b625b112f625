package dev.atelier.payment.webhook;

import static dev.atelier.payment.PaymentFixture.anOpenCardPayment;
import static dev.atelier.payment.StripeEvents.chargeRefunded;
import static dev.atelier.payment.StripeEvents.newEventId;
import static dev.atelier.payment.StripeEvents.sessionEvent;
import static dev.atelier.payment.StripeEvents.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSucceeded;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stripe delivers at least once: the same event 50 times at once and 50 times in a row is one payment. */
@PaymentTest
class WebhookReplayTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

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
    void theSameEventFiftyTimesInParallelAndFiftyInSequenceIsOnePaymentSucceeded() throws Exception {
        OpenPayment payment = anOpenCardPayment(publisher, payments, 3048);
        String payload = sessionEvent(newEventId(), "checkout.session.completed", payment.sessionId(),
                payment.paymentId(), payment.orderId(), 3048, "gbp", "complete", "paid", "pi_test_replayed");
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        String signature = sign(payload);

        List<String> outcomes = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<Future<Http.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.webhook("/webhooks/stripe", body, signature);
                }));
            }
            start.countDown();
            for (Future<Http.Answer> answer : answers) {
                Http.Answer delivered = answer.get();
                assertThat(delivered.status()).isEqualTo(200);
                outcomes.add(delivered.json().get("outcome").asString());
            }
        }
        for (int i = 0; i < 50; i++) {
            Http.Answer delivered = http.webhook("/webhooks/stripe", body, signature);
            assertThat(delivered.status()).isEqualTo(200);
            outcomes.add(delivered.json().get("outcome").asString());
        }

        assertThat(outcomes).hasSize(100).containsOnlyOnce("APPLIED");
        assertThat(outcomes.stream().filter("DUPLICATE"::equals)).hasSize(99);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_record WHERE payment_id = ? AND kind = 'SUCCEEDED'",
                Integer.class, payment.paymentId())).isEqualTo(1);

        // a later event of the same payment is the barrier: the relay keeps one payment's events in order
        String refund = chargeRefunded(newEventId(), "pi_test_replayed", payment.paymentId(), payment.orderId(), 3048, 48);
        assertThat(http.webhook("/webhooks/stripe", refund.getBytes(StandardCharsets.UTF_8), sign(refund)).status())
                .isEqualTo(200);
        PaymentRefunded refunded = payments.awaitEvent(PaymentRefunded.class, e -> e.orderId().equals(payment.orderId()),
                DEADLINE);
        assertThat(refunded.amount()).isEqualTo(Money.gbp(48));
        assertThat(payments.events(PaymentSucceeded.class)).filteredOn(e -> e.orderId().equals(payment.orderId()))
                .hasSize(1);
    }
}
