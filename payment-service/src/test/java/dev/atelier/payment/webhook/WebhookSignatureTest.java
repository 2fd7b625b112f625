package dev.atelier.payment.webhook;

import static dev.atelier.payment.PaymentFixture.anOpenCardPayment;
import static dev.atelier.payment.StripeEvents.newEventId;
import static dev.atelier.payment.StripeEvents.sessionEvent;
import static dev.atelier.payment.StripeEvents.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.net.Webhook;
import dev.atelier.events.Topics;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.payment.Http;
import dev.atelier.payment.PaymentFixture.OpenPayment;
import dev.atelier.payment.PaymentTest;
import dev.atelier.payment.StripeStub;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The signature matrix with the real stripe-java verification: only a valid, fresh v1 signature by this store's secret
 * over the exact bytes is applied; everything else is a 400 problem that writes nothing; a replay is a 200 that
 * changes nothing.
 */
@PaymentTest
class WebhookSignatureTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    EventPublisher publisher;
    EventProbe payments;
    OpenPayment payment;
    String eventId;
    String payload;

    @BeforeEach
    void setUp() {
        StripeStub.reset();
        http = new Http(port);
        publisher = EventPublisher.toSharedBroker();
        payments = EventProbe.on(Topics.PAYMENT_PAYMENT);
        payment = anOpenCardPayment(publisher, payments, 3048);
        eventId = newEventId();
        payload = sessionEvent(eventId, "checkout.session.completed", payment.sessionId(), payment.paymentId(),
                payment.orderId(), 3048, "gbp", "complete", "paid", "pi_test_signature");
    }

    @AfterEach
    void tearDown() {
        payments.close();
        publisher.close();
    }

    @Test
    void onlyAValidSignatureIsAppliedAndAReplayChangesNothing() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);

        refused(body, sign(payload, "whsec_some_other_store_secret", now), "No signatures found matching");
        byte[] flipped = body.clone();
        int amountAt = payload.indexOf("3048");
        flipped[amountAt] = (byte) '4';
        refused(flipped, sign(payload), "No signatures found matching");
        String v0Only = "t=" + now + ",v0=" + Webhook.Util.computeHmacSha256(StripeStub.WEBHOOK_SECRET, now + "." + payload);
        refused(body, v0Only, "No signatures found with expected scheme");
        refused(body, null, "no Stripe-Signature header");
        refused(body, sign(payload, StripeStub.WEBHOOK_SECRET, Instant.now().getEpochSecond() - 301),
                "Timestamp outside the tolerance zone");
        assertThat(paymentStatus()).isEqualTo("OPEN");

        // near the edge of the tolerance, with ten seconds' margin for a slow machine between signing and checking
        Http.Answer valid = http.webhook("/webhooks/stripe", body,
                sign(payload, StripeStub.WEBHOOK_SECRET, Instant.now().getEpochSecond() - 290));
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(paymentStatus()).isEqualTo("SUCCEEDED");
        assertThat(providerEvents()).isEqualTo(1);
        int records = records();

        Http.Answer replay = http.webhook("/webhooks/stripe", body, sign(payload));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(providerEvents()).isEqualTo(1);
        assertThat(records()).isEqualTo(records);
        assertThat(jdbc.queryForObject("SELECT outcome FROM provider_event WHERE event_id = ?", String.class, eventId))
                .isEqualTo("APPLIED");

        payments.awaitEvent(PaymentSucceeded.class, e -> e.orderId().equals(payment.orderId()), Duration.ofSeconds(30));
    }

    @Test
    void aSignedBodyThatIsNoEventIsRefused() {
        String notAnEvent = "{\"hello\": ";
        Http.Answer answer = http.webhook("/webhooks/stripe", notAnEvent.getBytes(StandardCharsets.UTF_8), sign(notAnEvent));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    private void refused(byte[] body, String signature, String detail) {
        int records = records();
        Http.Answer answer = http.webhook("/webhooks/stripe", body, signature);
        assertThat(answer.status()).as(detail).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("https://atelier.dev/problems/invalid-signature");
        assertThat(answer.json().get("detail").asString()).contains(detail);
        assertThat(providerEvents()).isZero();
        assertThat(records()).isEqualTo(records);
    }

    private String paymentStatus() {
        return jdbc.queryForObject("SELECT status FROM payment WHERE id = ?", String.class, payment.paymentId());
    }

    private int providerEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM provider_event WHERE event_id = ?", Integer.class, eventId);
    }

    private int records() {
        return jdbc.queryForObject("SELECT count(*) FROM payment_record WHERE payment_id = ?", Integer.class,
                payment.paymentId());
    }
}
