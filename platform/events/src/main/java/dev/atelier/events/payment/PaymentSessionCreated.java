package dev.atelier.events.payment;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** A provider session is open; the shopper is sent to {@code redirectUrl} to pay. */
@EventContract(name = "PaymentSessionCreated", version = 1, topic = Topics.PAYMENT_PAYMENT)
public record PaymentSessionCreated(
        UUID orderId,
        UUID paymentId,
        String provider,
        String sessionId,
        String redirectUrl,
        Instant expiresAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
