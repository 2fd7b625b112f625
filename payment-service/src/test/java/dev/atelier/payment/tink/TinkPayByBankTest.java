package dev.atelier.payment.tink;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.atelier.payment.Checkouts.aBankPaymentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.payment.Http;
import dev.atelier.payment.PaymentTest;
import dev.atelier.payment.TinkStub;
import dev.atelier.payment.checkout.PaymentSweep;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Tink Pay by Bank end to end through the real client (RestClient against WireMock) and real HTTP: the payment request
 * and its Tink Link URL, retries with one key, the signature matrix of {@code POST /webhooks/tink}, at-least-once
 * delivery, the amount check, the return page's status poll and the reconciliation of requests past their expiry.
 */
@PaymentTest
class TinkPayByBankTest {

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
        TinkStub.reset();
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
    void aBankPaymentIsAPaymentRequestToTheStoresAccountAndATinkLinkUrl() {
        PaymentRequested request = aBankPaymentOf(3048);
        PaymentSessionCreated session = open(request);

        assertThat(session.provider()).isEqualTo("tink");
        var link = UriComponentsBuilder.fromUri(URI.create(session.redirectUrl())).build();
        assertThat(link.getHost()).isEqualTo("link.tink.com");
        assertThat(link.getPath()).isEqualTo("/1.0/pay/direct");
        assertThat(link.getQueryParams().getFirst("payment_request_id")).isEqualTo(session.sessionId());
        assertThat(link.getQueryParams().getFirst("client_id")).isEqualTo("atelier-test-client");
        assertThat(link.getQueryParams().getFirst("market")).isEqualTo("GB");
        assertThat(link.getQueryParams().getFirst("redirect_uri")).isEqualTo("https://shop.example/checkout/bank-return");

        TinkStub.server().verify(postRequestedFor(urlPathEqualTo("/api/v1/oauth/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=atelier-test-client")));
        TinkStub.server().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/payments/requests"))
                .withHeader("Authorization", matching("Bearer tink_token_.+"))
                .withHeader("Idempotency-Key", equalTo("atelier-checkout-session-" + request.orderId()))
                .withRequestBody(equalToJson("""
                        {"recipient": {"accountNumber": "04000412345678", "accountType": "sort-code"},
                         "amount": 30.48, "currency": "GBP", "market": "GB", "recipientName": "Hannah's Workshop",
                         "paymentScheme": "FASTER_PAYMENTS",
                         "remittanceInformation": {"type": "REFERENCE", "value": "%s"}}"""
                        .formatted(request.orderNumber()))));
    }

    @Test
    void resetsTimeoutsAndServerErrorsAreRetriedWithOneKeyIntoOnePaymentRequest() {
        String scenario = "tink-flaky";
        TinkStub.server().stubFor(post(urlPathEqualTo("/api/v1/payments/requests")).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(STARTED).willSetStateTo("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        TinkStub.server().stubFor(post(urlPathEqualTo("/api/v1/payments/requests")).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs("reset").willSetStateTo("slow")
                .willReturn(aResponse().withStatus(200).withFixedDelay(4_000).withBody("{\"id\": \"too-late\"}")));
        TinkStub.server().stubFor(post(urlPathEqualTo("/api/v1/payments/requests")).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs("slow").willSetStateTo("failing")
                .willReturn(aResponse().withStatus(500).withBody("{\"errorMessage\": \"internal\"}")));
        TinkStub.server().stubFor(post(urlPathEqualTo("/api/v1/payments/requests")).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs("failing").willSetStateTo("done")
                .willReturn(okJson("{\"id\": \"5e1a2b3c4d5e6f708192a3b4c5d6e7f8\", \"currency\": \"GBP\"}")));

        PaymentRequested request = aBankPaymentOf(1299);
        PaymentSessionCreated session = open(request);

        assertThat(session.sessionId()).isEqualTo("5e1a2b3c4d5e6f708192a3b4c5d6e7f8");
        List<LoggedRequest> calls = TinkStub.server().findAll(postRequestedFor(urlPathEqualTo("/api/v1/payments/requests")));
        assertThat(calls).hasSize(4);
        assertThat(calls).extracting(c -> c.getHeader("Idempotency-Key")).containsOnly(
                "atelier-checkout-session-" + request.orderId());
        assertThat(calls).extracting(LoggedRequest::getBodyAsString).containsOnly(calls.getFirst().getBodyAsString());
        assertThat(payments.events(PaymentSessionCreated.class)).filteredOn(e -> e.orderId().equals(request.orderId()))
                .hasSize(1);
        assertThat(jdbc.queryForObject("SELECT open_attempts FROM payment WHERE order_id = ?", Integer.class,
                request.orderId())).isEqualTo(1);
    }

    @Test
    void onlyAValidFreshSignatureByTinksSecretIsApplied() {
        PaymentSessionCreated session = open(aBankPaymentOf(3048));
        String transferId = "tr" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = TinkStub.paymentUpdated(session.sessionId(), transferId, "SENT", "30.48")
                .getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        refused(session, transferId, body, TinkStub.sign(body, "some_other_apps_webhook_secret", now),
                "No signatures found matching");
        byte[] flipped = body.clone();
        int amountAt = new String(body, StandardCharsets.UTF_8).indexOf("30.48");
        flipped[amountAt] = (byte) '4';
        refused(session, transferId, flipped, TinkStub.sign(body), "No signatures found matching");
        refused(session, transferId, body, TinkStub.sign(body, TinkStub.WEBHOOK_SECRET, now - 301),
                "Timestamp outside the tolerance zone");
        refused(session, transferId, body, null, "no X-Tink-Signature header");
        refused(session, transferId, body, "t=" + now, "no v1 signature");
        refused(session, transferId, body, TinkStub.sign(body).replace("v1=", "v0="), "no v1 signature");
        assertThat(status(session)).isEqualTo("OPEN");

        Http.Answer valid = deliver(body, TinkStub.sign(body, TinkStub.WEBHOOK_SECRET, Instant.now().getEpochSecond() - 290));
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(status(session)).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT provider_reference FROM payment WHERE id = ?", String.class,
                session.paymentId())).isEqualTo(transferId);
        PaymentSucceeded succeeded = payments.awaitEvent(PaymentSucceeded.class,
                e -> e.orderId().equals(session.orderId()), DEADLINE);
        assertThat(succeeded.amount()).isEqualTo(Money.gbp(3048));
        assertThat(succeeded.provider()).isEqualTo("tink");
    }

    @Test
    void theSameStatusUpdateDeliveredFortyTimesIsOnePaymentSucceeded() throws Exception {
        PaymentSessionCreated session = open(aBankPaymentOf(2500));
        String transferId = "tr" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = TinkStub.paymentUpdated(session.sessionId(), transferId, "SENT", "25.00")
                .getBytes(StandardCharsets.UTF_8);
        String signature = TinkStub.sign(body);

        List<String> outcomes = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            List<Future<Http.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return deliver(body, signature);
                }));
            }
            start.countDown();
            for (Future<Http.Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
                outcomes.add(answer.get().json().get("outcome").asString());
            }
        }
        for (int i = 0; i < 20; i++) {
            Http.Answer answer = deliver(body, signature);
            assertThat(answer.status()).isEqualTo(200);
            outcomes.add(answer.json().get("outcome").asString());
        }
        // Tink reports the same transfer again once the money settled: the payment is taken already
        byte[] settled = TinkStub.paymentUpdated(session.sessionId(), transferId, "SETTLED", "25.00")
                .getBytes(StandardCharsets.UTF_8);
        outcomes.add(deliver(settled, TinkStub.sign(settled)).json().get("outcome").asString());

        assertThat(outcomes).hasSize(41).containsOnlyOnce("APPLIED");
        assertThat(outcomes.stream().filter("DUPLICATE"::equals)).hasSize(40);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_record WHERE payment_id = ? AND kind = 'SUCCEEDED'",
                Integer.class, session.paymentId())).isEqualTo(1);
        payments.awaitEvent(PaymentSucceeded.class, e -> e.orderId().equals(session.orderId()), DEADLINE);
        assertThat(payments.events(PaymentSucceeded.class)).filteredOn(e -> e.orderId().equals(session.orderId()))
                .hasSize(1);
    }

    @Test
    void anAmountThatIsNotTheOrdersIsNeverConfirmedAndAFailedTransferFailsThePayment() {
        PaymentSessionCreated short_ = open(aBankPaymentOf(4000));
        byte[] partial = TinkStub.paymentUpdated(short_.sessionId(), "trshort" + short_.paymentId().toString().substring(0, 8),
                "SENT", "4.00").getBytes(StandardCharsets.UTF_8);
        Http.Answer answer = deliver(partial, TinkStub.sign(partial));
        assertThat(answer.json().get("outcome").asString()).isEqualTo("MISMATCH");
        assertThat(status(short_)).isEqualTo("MISMATCH");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_record WHERE payment_id = ? AND kind = 'ALERT'",
                Integer.class, short_.paymentId())).isEqualTo(1);

        PaymentSessionCreated declined = open(aBankPaymentOf(1500));
        byte[] cancelled = TinkStub.paymentUpdated(declined.sessionId(), "trcancel" + declined.paymentId().toString()
                .substring(0, 8), "CANCELLED", "15.00").getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(cancelled, TinkStub.sign(cancelled)).json().get("outcome").asString()).isEqualTo("APPLIED");
        PaymentFailed failed = payments.awaitEvent(PaymentFailed.class, e -> e.orderId().equals(declined.orderId()),
                DEADLINE);
        assertThat(failed.provider()).isEqualTo("tink");
        assertThat(payments.events(PaymentSucceeded.class)).filteredOn(e -> e.orderId().equals(short_.orderId()))
                .isEmpty();
    }

    @Test
    void theReturnPageAsksTinkWhenTheWebhookHasNotComeAndTheLateWebhookChangesNothing() {
        PaymentSessionCreated session = open(aBankPaymentOf(1999));
        Http.Answer waiting = http.get("/api/payments/bank/" + session.sessionId() + "/status");
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.json().get("status").asString()).isEqualTo("OPEN");
        assertThat(waiting.json().get("settled").asBoolean()).isFalse();

        String transferId = "trpoll" + session.paymentId().toString().substring(0, 8);
        TinkStub.transferIs(session.sessionId(), transferId, "SENT", "19.99");
        // the storefront's page polls; the service asks Tink at most once per check interval (200 ms in tests)
        Http.Answer paid = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/api/payments/bank/" + session.sessionId() + "/status"),
                        a -> a.json().get("settled").asBoolean());
        assertThat(paid.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(paid.json().get("continueUrl").asString()).isEqualTo("https://shop.example/orders/"
                + session.orderId() + "?payment=success");
        payments.awaitEvent(PaymentSucceeded.class, e -> e.orderId().equals(session.orderId()), DEADLINE);

        byte[] late = TinkStub.paymentUpdated(session.sessionId(), transferId, "SENT", "19.99")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(late, TinkStub.sign(late)).json().get("outcome").asString()).isEqualTo("DUPLICATE");

        assertThat(http.get("/api/payments/bank/no-such-request/status").status()).isEqualTo(404);
        assertThat(http.get("/api/payments/bank/bad%20id/status").status()).isEqualTo(400);
    }

    @Test
    void theReconciliationFailsARequestNobodyPaidAndConfirmsOneTheWebhookNeverReported() {
        PaymentSessionCreated unpaid = open(aBankPaymentOf(1000));
        PaymentSessionCreated paidQuietly = open(aBankPaymentOf(2000));
        TinkStub.transferIs(paidQuietly.sessionId(), "trquiet" + paidQuietly.paymentId().toString().substring(0, 8),
                "SETTLED", "20.00");
        jdbc.update("UPDATE payment SET expires_at = now() - interval '10 minutes' WHERE id IN (?, ?)",
                unpaid.paymentId(), paidQuietly.paymentId());

        sweep.sweep();

        assertThat(status(unpaid)).isEqualTo("EXPIRED");
        assertThat(status(paidQuietly)).isEqualTo("SUCCEEDED");
        PaymentFailed failed = payments.awaitEvent(PaymentFailed.class, e -> e.orderId().equals(unpaid.orderId()),
                DEADLINE);
        assertThat(failed.reason()).isEqualTo("session_expired");
        payments.awaitEvent(PaymentSucceeded.class, e -> e.orderId().equals(paidQuietly.orderId()), DEADLINE);
    }

    private PaymentSessionCreated open(PaymentRequested request) {
        publisher.send(request, UUID.randomUUID());
        publisher.flush();
        return payments.awaitEvent(PaymentSessionCreated.class, e -> e.orderId().equals(request.orderId()), DEADLINE);
    }

    private Http.Answer deliver(byte[] body, String signature) {
        return http.webhook("/webhooks/tink", body, "X-Tink-Signature", signature);
    }

    private void refused(PaymentSessionCreated session, String transferId, byte[] body, String signature, String detail) {
        int records = records(session);
        Http.Answer answer = deliver(body, signature);
        assertThat(answer.status()).as(detail).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("https://atelier.dev/problems/invalid-signature");
        assertThat(answer.json().get("detail").asString()).contains(detail);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provider_event WHERE event_id LIKE ?", Integer.class,
                transferId + "%")).isZero();
        assertThat(records(session)).isEqualTo(records);
    }

    private String status(PaymentSessionCreated session) {
        return jdbc.queryForObject("SELECT status FROM payment WHERE id = ?", String.class, session.paymentId());
    }

    private int records(PaymentSessionCreated session) {
        return jdbc.queryForObject("SELECT count(*) FROM payment_record WHERE payment_id = ?", Integer.class,
                session.paymentId());
    }
}
