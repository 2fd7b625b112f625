package dev.atelier.payment.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atelier.payment.Checkouts.theCancellationOf;
import static dev.atelier.payment.PaymentFixture.anOpenCardPayment;
import static dev.atelier.payment.StripeEvents.newEventId;
import static dev.atelier.payment.StripeEvents.sessionEvent;
import static dev.atelier.payment.StripeEvents.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import tools.jackson.databind.JsonNode;

/** Refunds through Stripe (WireMock): admin full and partial refunds, never more than taken, and the cancelled order. */
@PaymentTest
class RefundTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentSweep sweep;

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
    void partialThenFullRefundsAreAnnouncedAndNeverExceedWhatWasTaken() {
        OpenPayment payment = aPaidCardPayment(3048, "pi_test_partial");

        Http.Answer partial = refund(payment, "{\"amount\": 1000, \"reason\": \"one mug arrived chipped\"}", null);
        assertThat(partial.status()).isEqualTo(201);
        assertThat(partial.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(partial.json().get("providerReference").asString()).startsWith("re_test_");
        assertThat(partial.json().get("actor").asString()).isEqualTo("staff:" + Http.STAFF_ID);

        Http.Answer tooMuch = refund(payment, "{\"amount\": 2049, \"reason\": \"more than is left\"}", null);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.json().get("type").asString()).isEqualTo("https://atelier.dev/problems/refund-exceeds-payment");

        Http.Answer rest = refund(payment, "{\"reason\": \"order returned\"}", null);
        assertThat(rest.status()).isEqualTo(201);
        assertThat(rest.json().get("amount").asLong()).isEqualTo(2048);

        assertThat(refund(payment, "{\"reason\": \"again\"}", null).status()).isEqualTo(409);

        List<LoggedRequest> calls = StripeStub.server().findAll(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withRequestBody(containing("pi_test_partial")));
        assertThat(calls).hasSize(2);
        assertThat(calls).extracting(LoggedRequest::getBodyAsString)
                .anySatisfy(body -> assertThat(body).contains("amount=1000"))
                .anySatisfy(body -> assertThat(body).contains("amount=2048"));
        assertThat(calls).extracting(c -> c.getHeader("Idempotency-Key")).doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key).startsWith("atelier-refund-"));

        await().atMost(DEADLINE).until(() -> refunds(payment).size() == 2);
        assertThat(refunds(payment)).extracting(e -> e.amount().minor()).containsExactlyInAnyOrder(1000L, 2048L);
        JsonNode view = http.get("/api/admin/payments/" + payment.paymentId()).json();
        assertThat(view.get("refundedAmount").asLong()).isEqualTo(3048);
        assertThat(view.get("refunds")).hasSize(2);
    }

    @Test
    void theSameIdempotencyKeyIsTheSameRefund() {
        OpenPayment payment = aPaidCardPayment(3048, "pi_test_same_key");
        Http.Answer first = refund(payment, "{\"amount\": 500, \"reason\": \"late delivery\"}", "return-77");
        Http.Answer second = refund(payment, "{\"amount\": 500, \"reason\": \"late delivery\"}", "return-77");
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.json().get("refundId")).isEqualTo(first.json().get("refundId"));
        assertThat(jdbc.queryForObject("SELECT refunded_amount FROM payment WHERE id = ?", Long.class,
                payment.paymentId())).isEqualTo(500);
    }

    @Test
    void concurrentRefundsNeverTakeBackMoreThanWasPaid() throws Exception {
        OpenPayment payment = aPaidCardPayment(3048, "pi_test_concurrent");
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            List<Future<Http.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return refund(payment, "{\"amount\": 500, \"reason\": \"goodwill\"}", null);
                }));
            }
            start.countDown();
            for (Future<Http.Answer> answer : answers) {
                statuses.add(answer.get().status());
            }
        }
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(6);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(4);
        assertThat(jdbc.queryForObject("SELECT refunded_amount FROM payment WHERE id = ?", Long.class,
                payment.paymentId())).isEqualTo(3000);
    }

    @Test
    void badRefundRequestsAreProblems() {
        OpenPayment payment = anOpenCardPayment(publisher, payments, 1200);
        Http.Answer blank = refund(payment, "{\"amount\": 100, \"reason\": \"\"}", null);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("errors").findValuesAsString("field")).contains("reason");
        Http.Answer negative = refund(payment, "{\"amount\": -5, \"reason\": \"x\"}", null);
        assertThat(negative.status()).isEqualTo(400);
        Http.Answer unpaid = refund(payment, "{\"amount\": 100, \"reason\": \"nothing taken\"}", null);
        assertThat(unpaid.status()).isEqualTo(409);
        assertThat(unpaid.json().get("type").asString()).isEqualTo("https://atelier.dev/problems/payment-not-refundable");
        Http.Answer unknown = http.postJson("/api/admin/payments/" + java.util.UUID.randomUUID() + "/refunds",
                "{\"reason\": \"who?\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refund WHERE payment_id = ?", Integer.class,
                payment.paymentId())).isZero();
    }

    @Test
    void aPaymentForACancelledOrderIsRefundedInFullWithAKeyAndTheRefundRetriedUntilStripeAnswers() {
        OpenPayment payment = anOpenCardPayment(publisher, payments, 2750);
        publisher.publish(theCancellationOf(payment.request(), "PAYMENT_TIMEOUT"));
        await().atMost(DEADLINE).until(() -> "CANCELLED".equals(status(payment)));
        StripeStub.server().stubFor(post(urlPathEqualTo("/v1/refunds")).atPriority(1)
                .withRequestBody(containing("pi_test_late")).willReturn(StripeStub.serverError()));

        deliver(sessionEvent(newEventId(), "checkout.session.completed", payment.sessionId(), payment.paymentId(),
                payment.orderId(), 2750, "gbp", "complete", "paid", "pi_test_late"));

        payments.awaitEvent(PaymentSucceeded.class, e -> e.orderId().equals(payment.orderId()), DEADLINE);
        await().atMost(DEADLINE).until(() -> jdbc.queryForObject(
                "SELECT attempts FROM refund WHERE payment_id = ?", Integer.class, payment.paymentId()) >= 1);
        assertThat(jdbc.queryForObject("SELECT status FROM refund WHERE payment_id = ?", String.class,
                payment.paymentId())).isEqualTo("PENDING");

        StripeStub.reset();
        jdbc.update("UPDATE refund SET updated_at = now() - interval '1 hour' WHERE payment_id = ?", payment.paymentId());
        sweep.sweep();

        PaymentRefunded refunded = payments.awaitEvent(PaymentRefunded.class,
                e -> e.orderId().equals(payment.orderId()), DEADLINE);
        assertThat(refunded.amount()).isEqualTo(Money.gbp(2750));
        List<LoggedRequest> calls = StripeStub.server().findAll(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withRequestBody(containing("pi_test_late")));
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().getHeader("Idempotency-Key"))
                .isEqualTo("atelier-refund-cancelled-" + payment.paymentId());
        assertThat(jdbc.queryForMap("SELECT status, refunded_amount FROM payment WHERE id = ?", payment.paymentId()))
                .containsEntry("status", "SUCCEEDED").containsEntry("refunded_amount", 2750L);
    }

    private OpenPayment aPaidCardPayment(long pence, String intent) {
        OpenPayment payment = anOpenCardPayment(publisher, payments, pence);
        deliver(sessionEvent(newEventId(), "checkout.session.completed", payment.sessionId(), payment.paymentId(),
                payment.orderId(), pence, "gbp", "complete", "paid", intent));
        return payment;
    }

    private void deliver(String payload) {
        assertThat(http.webhook("/webhooks/stripe", payload.getBytes(StandardCharsets.UTF_8), sign(payload)).status())
                .isEqualTo(200);
    }

    private Http.Answer refund(OpenPayment payment, String json, String idempotencyKey) {
        if (idempotencyKey == null) {
            return http.postJson("/api/admin/payments/" + payment.paymentId() + "/refunds", json);
        }
        return http.postJson("/api/admin/payments/" + payment.paymentId() + "/refunds", json, idempotencyKey);
    }

    private List<PaymentRefunded> refunds(OpenPayment payment) {
        return payments.events(PaymentRefunded.class).stream().filter(e -> e.orderId().equals(payment.orderId())).toList();
    }

    private String status(OpenPayment payment) {
        return jdbc.queryForObject("SELECT status FROM payment WHERE id = ?", String.class, payment.paymentId());
    }
}
