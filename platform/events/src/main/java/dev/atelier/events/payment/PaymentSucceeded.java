package dev.atelier.events.payment;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** The provider confirmed the money is taken. */
@EventContract(name = "PaymentSucceeded", version = 1, topic = Topics.PAYMENT_PAYMENT)
public record PaymentSucceeded(UUID orderId, UUID paymentId, String provider, Money amount, Instant paidAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
