package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** Stock is reserved: the order asks payment-service to open a provider session ({@code card} or {@code bank}). */
@EventContract(name = "PaymentRequested", version = 1, topic = Topics.ORDER_ORDER)
public record PaymentRequested(
        UUID orderId,
        String orderNumber,
        Money amount,
        String paymentMethod,
        String customerEmail,
        Instant requestedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
