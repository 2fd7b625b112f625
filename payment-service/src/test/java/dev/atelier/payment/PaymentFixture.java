package dev.atelier.payment;

import static dev.atelier.payment.Checkouts.aCardPaymentOf;

import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Payments a test starts from, opened through the real path (PaymentRequested on Kafka, a Stripe session on WireMock). */
public final class PaymentFixture {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private PaymentFixture() {
    }

    /** An open Stripe Checkout session for a new order. */
    public record OpenPayment(PaymentRequested request, PaymentSessionCreated session) {

        public UUID orderId() {
            return request.orderId();
        }

        public UUID paymentId() {
            return session.paymentId();
        }

        public String sessionId() {
            return session.sessionId();
        }

        public long amount() {
            return request.amount().minor();
        }
    }

    public static OpenPayment anOpenCardPayment(EventPublisher publisher, EventProbe probe, long pence) {
        return openCardPayments(publisher, probe, pence, 1).getFirst();
    }

    /** {@code count} orders asked to pay at once, each with its open session. */
    public static List<OpenPayment> openCardPayments(EventPublisher publisher, EventProbe probe, long pence, int count) {
        List<PaymentRequested> requests = IntStream.range(0, count).mapToObj(i -> aCardPaymentOf(pence)).toList();
        requests.forEach(r -> publisher.send(r, UUID.randomUUID()));
        publisher.flush();
        return requests.stream().map(r -> new OpenPayment(r, probe.awaitEvent(PaymentSessionCreated.class,
                e -> e.orderId().equals(r.orderId()), DEADLINE))).toList();
    }
}
