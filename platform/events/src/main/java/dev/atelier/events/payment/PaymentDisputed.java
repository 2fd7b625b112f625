package dev.atelier.events.payment;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * The shopper's bank opened a dispute (chargeback) on a payment: the amount is held by the provider until the
 * store answers it. The reason is the provider's ({@code fraudulent}, {@code product_not_received}, …).
 */
@EventContract(name = "PaymentDisputed", version = 1, topic = Topics.PAYMENT_PAYMENT)
public record PaymentDisputed(UUID orderId, UUID paymentId, String provider, Money amount, String reason,
        Instant disputedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
