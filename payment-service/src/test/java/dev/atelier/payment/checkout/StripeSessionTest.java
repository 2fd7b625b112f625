package dev.atelier.payment.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atelier.payment.Checkouts.aCardPaymentOf;
import static dev.atelier.payment.Checkouts.theCancellationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atelier.events.Topics;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.payment.PaymentTest;
import dev.atelier.payment.StripeStub;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Opening Stripe Checkout sessions with the real stripe-java client against WireMock, failures included. */
@PaymentTest
class StripeSessionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentSweep sweep;

    EventPublisher publisher;
    EventProbe payments;

    @BeforeEach
    void setUp() {
        StripeStub.reset();
        publisher = EventPublisher.toSharedBroker();
        payments = EventProbe.on(Topics.PAYMENT_PAYMENT);
    }

    @AfterEach
    void tearDown() {
        payments.close();
        publisher.close();
    }

    @Test
    void opensOneCheckoutSessionWithTheOrderAndAKeyDerivedFromIt() {
        PaymentRequested request = aCardPaymentOf(3048);
        publisher.publish(request);

        PaymentSessionCreated session = payments.awaitEvent(PaymentSessionCreated.class,
                e -> e.orderId().equals(request.orderId()), DEADLINE);
        assertThat(session.provider()).isEqualTo("stripe");
        assertThat(session.sessionId()).startsWith("cs_test_");
        assertThat(session.redirectUrl()).startsWith("https://checkout.stripe.com/c/pay/cs_test_");

        List<LoggedRequest> calls = sessionCalls(request);
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.getFirst();
        assertThat(call.getHeader("Idempotency-Key")).isEqualTo("atelier-checkout-session-" + request.orderId());
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer sk_test_atelier");
        String form = URLDecoder.decode(call.getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(form).contains("mode=payment", "metadata[orderId]=" + request.orderId(),
                "metadata[paymentId]=" + session.paymentId(), "payment_intent_data[metadata][paymentId]=" + session.paymentId(),
                "customer_email=hannah.price@example.co.uk",
                "success_url=https://shop.example/orders/" + request.orderId() + "?payment=success",
                "cancel_url=https://shop.example/orders/" + request.orderId() + "?payment=cancelled",
                "line_items[0][price_data][unit_amount]=3048", "line_items[0][price_data][currency]=gbp",
                "client_reference_id=" + request.orderId());
        assertThat(form).doesNotContain("payment_method_types");
        assertThat(jdbc.queryForObject("SELECT idempotency_key FROM payment WHERE order_id = ?", String.class,
                request.orderId())).isEqualTo("atelier-checkout-session-" + request.orderId());
    }

    @Test
    void retriesResetsTimeoutsAndServerErrorsWithTheSameKeyAndOpensOneSession() {
        PaymentRequested request = aCardPaymentOf(4200);
        String scenario = "flaky-" + request.orderId();
        var forThisOrder = post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(1)
                .withRequestBody(containing(request.orderId().toString())).inScenario(scenario);
        StripeStub.server().stubFor(forThisOrder.whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("timeout"));
        StripeStub.server().stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(1)
                .withRequestBody(containing(request.orderId().toString())).inScenario(scenario)
                .whenScenarioStateIs("timeout")
                .willReturn(okJson("{}").withFixedDelay(5_000)).willSetStateTo("error"));
        StripeStub.server().stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(1)
                .withRequestBody(containing(request.orderId().toString())).inScenario(scenario)
                .whenScenarioStateIs("error")
                .willReturn(StripeStub.serverError()).willSetStateTo("fine"));
        StripeStub.server().stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(1)
                .withRequestBody(containing(request.orderId().toString())).inScenario(scenario)
                .whenScenarioStateIs("fine")
                .willReturn(okJson("""
                        {"id": "cs_test_after_four_tries_%s", "object": "checkout.session",
                         "url": "https://checkout.stripe.com/c/pay/cs_test_after_four_tries", "expires_at": %d,
                         "status": "open", "payment_status": "unpaid"}"""
                        .formatted(request.orderId().toString().substring(0, 8),
                                java.time.Instant.now().plusSeconds(1860).getEpochSecond()))));

        publisher.publish(request);

        PaymentSessionCreated session = payments.awaitEvent(PaymentSessionCreated.class,
                e -> e.orderId().equals(request.orderId()), DEADLINE);
        assertThat(session.sessionId()).startsWith("cs_test_after_four_tries_");
        List<LoggedRequest> calls = sessionCalls(request);
        assertThat(calls).hasSize(4);
        assertThat(calls).extracting(c -> c.getHeader("Idempotency-Key")).containsOnly(
                "atelier-checkout-session-" + request.orderId());
        assertThat(calls).extracting(LoggedRequest::getBodyAsString).containsOnly(calls.getFirst().getBodyAsString());
        assertThat(jdbc.queryForMap("SELECT status, session_id FROM payment WHERE order_id = ?", request.orderId()))
                .containsEntry("status", "OPEN").containsEntry("session_id", session.sessionId());
        assertThat(payments.events(PaymentFailed.class)).noneMatch(e -> e.orderId().equals(request.orderId()));
    }

    @Test
    void failsThePaymentWithTheReasonOnceTheRetriesAreSpent() {
        PaymentRequested request = aCardPaymentOf(4200);
        StripeStub.server().stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(1)
                .withRequestBody(containing(request.orderId().toString())).willReturn(StripeStub.serverError()));

        publisher.publish(request);

        PaymentFailed failed = payments.awaitEvent(PaymentFailed.class, e -> e.orderId().equals(request.orderId()),
                DEADLINE);
        assertThat(failed.provider()).isEqualTo("stripe");
        assertThat(failed.reason()).startsWith("provider_unavailable: ").contains("HTTP 500");
        assertThat(sessionCalls(request)).hasSize(4);
        assertThat(jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?", String.class, request.orderId()))
                .isEqualTo("FAILED");
        assertThat(payments.events(PaymentSessionCreated.class)).noneMatch(e -> e.orderId().equals(request.orderId()));
    }

    @Test
    void aRequestStripeRefusesIsNotRetried() {
        PaymentRequested request = aCardPaymentOf(4200);
        StripeStub.server().stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(1)
                .withRequestBody(containing(request.orderId().toString())).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"error": {"type": "invalid_request_error", "code": "parameter_invalid_integer",
                                 "message": "Invalid integer"}}""")));

        publisher.publish(request);

        PaymentFailed failed = payments.awaitEvent(PaymentFailed.class, e -> e.orderId().equals(request.orderId()),
                DEADLINE);
        assertThat(failed.reason()).startsWith("provider_rejected: ").contains("parameter_invalid_integer");
        assertThat(sessionCalls(request)).hasSize(1);
    }

    @Test
    void cancellingTheOrderExpiresTheOpenStripeSession() {
        PaymentRequested request = aCardPaymentOf(1500);
        publisher.publish(request);
        PaymentSessionCreated session = payments.awaitEvent(PaymentSessionCreated.class,
                e -> e.orderId().equals(request.orderId()), DEADLINE);

        publisher.publish(theCancellationOf(request, "PAYMENT_TIMEOUT"));

        await().atMost(DEADLINE).untilAsserted(() -> StripeStub.server().verify(1,
                postRequestedFor(urlPathEqualTo("/v1/checkout/sessions/" + session.sessionId() + "/expire"))));
        assertThat(jdbc.queryForMap("SELECT status, order_cancelled FROM payment WHERE order_id = ?", request.orderId()))
                .containsEntry("status", "CANCELLED").containsEntry("order_cancelled", true);
    }

    @Test
    void aPaymentLeftPendingByACrashIsOpenedBySweepWithItsStoredKey() {
        java.util.UUID orderId = java.util.UUID.randomUUID();
        java.util.UUID paymentId = java.util.UUID.randomUUID();
        // what a crash right after PaymentRequested's transaction leaves: the row and its key, no call made
        jdbc.update("""
                INSERT INTO payment (id, order_id, order_number, method, provider, amount, currency, customer_email,
                                     success_url, cancel_url, line_items, status, idempotency_key, expires_at, updated_at)
                VALUES (?, ?, 'AT-CRASHED', 'card', 'stripe', 1999, 'GBP', 'hannah.price@example.co.uk',
                        'https://shop.example/ok', 'https://shop.example/back',
                        '[{"name": "Order AT-CRASHED", "quantity": 1, "unitAmount": 1999}]'::jsonb, 'PENDING',
                        'atelier-checkout-session-' || ?, now() + interval '35 minutes', now() - interval '1 hour')""",
                paymentId, orderId, orderId.toString());

        sweep.sweep();

        PaymentSessionCreated session = payments.awaitEvent(PaymentSessionCreated.class,
                e -> e.orderId().equals(orderId), DEADLINE);
        assertThat(session.paymentId()).isEqualTo(paymentId);
        List<LoggedRequest> calls = StripeStub.server().findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing(orderId.toString())));
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().getHeader("Idempotency-Key")).isEqualTo("atelier-checkout-session-" + orderId);
        assertThat(jdbc.queryForObject("SELECT status FROM payment WHERE id = ?", String.class, paymentId))
                .isEqualTo("OPEN");
    }

    private static List<LoggedRequest> sessionCalls(PaymentRequested request) {
        return StripeStub.server().findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing(request.orderId().toString())));
    }
}
