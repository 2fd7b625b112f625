package dev.atelier.payment.webhook;

import static dev.atelier.payment.Checkouts.theCancellationOf;
import static dev.atelier.payment.PaymentFixture.anOpenCardPayment;
import static dev.atelier.payment.StripeEvents.disputeCreated;
import static dev.atelier.payment.StripeEvents.newEventId;
import static dev.atelier.payment.StripeEvents.sessionEvent;
import static dev.atelier.payment.StripeEvents.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.payment.PaymentDisputed;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.payment.Http;
import dev.atelier.payment.PaymentFixture.OpenPayment;
import dev.atelier.payment.PaymentTest;
import dev.atelier.payment.StripeStub;
import dev.atelier.payment.checkout.PaymentSweep;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** What Stripe's reports do to a payment beyond the happy path: wrong amounts, disputes, silence past expiry. */
@PaymentTest
class StripeOutcomesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentSweep sweep;

    @Autowired
    MeterRegistry meters;

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
    void anAmountThatDoesNotMatchTheOrderIsRecordedAndAlertedNeverConfirmedAndRefundedOnCancellation() {
        OpenPayment payment = anOpenCardPayment(publisher, payments, 3048);
        double alerts = alerts("amount-mismatch");

        Http.Answer answer = deliver(sessionEvent(newEventId(), "checkout.session.completed", payment.sessionId(),
                payment.paymentId(), payment.orderId(), 3000, "gbp", "complete", "paid", "pi_test_short"));

        assertThat(answer.json().get("outcome").asString()).isEqualTo("MISMATCH");
        assertThat(jdbc.queryForMap("SELECT status, paid_amount FROM payment WHERE id = ?", payment.paymentId()))
                .containsEntry("status", "MISMATCH").containsEntry("paid_amount", 3000L);
        assertThat(jdbc.queryForObject("SELECT detail FROM payment_record WHERE payment_id = ? AND kind = 'ALERT'",
                String.class, payment.paymentId())).contains("paid 3000 GBP for an order of GBP 3048");
        assertThat(alerts("amount-mismatch")).isEqualTo(alerts + 1);

        publisher.publish(theCancellationOf(payment.request(), "PAYMENT_TIMEOUT"));
        PaymentRefunded refunded = payments.awaitEvent(PaymentRefunded.class, e -> e.orderId().equals(payment.orderId()),
                DEADLINE);
        assertThat(refunded.amount()).isEqualTo(Money.gbp(3000));
        assertThat(payments.events(PaymentSucceeded.class)).noneMatch(e -> e.orderId().equals(payment.orderId()));
    }

    @Test
    void aDisputeIsAnnouncedOnce() {
        OpenPayment payment = anOpenCardPayment(publisher, payments, 3048);
        deliver(sessionEvent(newEventId(), "checkout.session.completed", payment.sessionId(), payment.paymentId(),
                payment.orderId(), 3048, "gbp", "complete", "paid", "pi_test_disputed"));
        String dispute = disputeCreated(newEventId(), "pi_test_disputed", 3048, "product_not_received");

        assertThat(deliver(dispute).json().get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(deliver(dispute).json().get("outcome").asString()).isEqualTo("DUPLICATE");

        PaymentDisputed disputed = payments.awaitEvent(PaymentDisputed.class,
                e -> e.orderId().equals(payment.orderId()), DEADLINE);
        assertThat(disputed.amount()).isEqualTo(Money.gbp(3048));
        assertThat(disputed.reason()).isEqualTo("product_not_received");
        assertThat(jdbc.queryForObject("SELECT disputed FROM payment WHERE id = ?", Boolean.class, payment.paymentId()))
                .isTrue();
    }

    @Test
    void aChargeEventBeforeItsPaymentIsKnownIsRefusedForRedeliveryAndWritesNothing() {
        String eventId = newEventId();
        String dispute = disputeCreated(eventId, "pi_test_nobody_knows", 1000, "fraudulent");
        Http.Answer answer = http.webhook("/webhooks/stripe", dispute.getBytes(StandardCharsets.UTF_8), sign(dispute));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("type").asString()).isEqualTo("https://atelier.dev/problems/payment-not-yet-known");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provider_event WHERE event_id = ?", Integer.class, eventId))
                .isZero();
    }

    @Test
    void aSessionOpenPastItsExpiryIsReconciledWithStripe() {
        OpenPayment expired = anOpenCardPayment(publisher, payments, 1000);
        OpenPayment paid = anOpenCardPayment(publisher, payments, 2000);
        StripeStub.sessionIs(expired.sessionId(), "expired", "unpaid", 1000);
        StripeStub.sessionIs(paid.sessionId(), "complete", "paid", 2000);
        jdbc.update("UPDATE payment SET expires_at = now() - interval '10 minutes' WHERE id IN (?, ?)",
                expired.paymentId(), paid.paymentId());

        sweep.sweep();

        PaymentFailed failed = payments.awaitEvent(PaymentFailed.class, e -> e.orderId().equals(expired.orderId()),
                DEADLINE);
        assertThat(failed.reason()).isEqualTo("session_expired");
        payments.awaitEvent(PaymentSucceeded.class, e -> e.orderId().equals(paid.orderId()), DEADLINE);
        assertThat(jdbc.queryForObject("SELECT status FROM payment WHERE id = ?", String.class, expired.paymentId()))
                .isEqualTo("EXPIRED");
        assertThat(jdbc.queryForObject("SELECT status FROM payment WHERE id = ?", String.class, paid.paymentId()))
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void anEventOfAnotherStoresSessionIsAcknowledgedAndIgnored() {
        String payload = sessionEvent(newEventId(), "checkout.session.completed", "cs_test_not_ours",
                java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), 100, "gbp", "complete", "paid", "pi_x");
        assertThat(deliver(payload).json().get("outcome").asString()).isEqualTo("IGNORED");
    }

    private Http.Answer deliver(String payload) {
        Http.Answer answer = http.webhook("/webhooks/stripe", payload.getBytes(StandardCharsets.UTF_8), sign(payload));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private double alerts(String kind) {
        var counter = meters.find("atelier.payment.alerts").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }
}
