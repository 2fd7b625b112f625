package dev.atelier.events.payment;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** The payment did not go through: declined, expired or abandoned, with the provider's reason. */
@EventContract(name = "PaymentFailed", version = 1, topic = Topics.PAYMENT_PAYMENT)
public record PaymentFailed(UUID orderId, UUID paymentId, String provider, String reason, Instant failedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
