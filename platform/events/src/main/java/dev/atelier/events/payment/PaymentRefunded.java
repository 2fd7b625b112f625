package dev.atelier.events.payment;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** Money went back to the shopper, in full or in part. */
@EventContract(name = "PaymentRefunded", version = 1, topic = Topics.PAYMENT_PAYMENT)
public record PaymentRefunded(UUID orderId, UUID paymentId, Money amount, String reason, Instant refundedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
