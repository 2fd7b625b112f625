package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The order asks payment-service to give money back: {@code amount} of the payment {@code paymentId} (all of it
 * for a payment that arrived after the order was cancelled, part of it for a return). {@code reason} is
 * {@code LATE_PAYMENT} or {@code RETURN} (a string, so a new reason does not break consumers); payment answers
 * with {@code PaymentRefunded}. {@code refundId} identifies the request, so that a redelivery refunds once.
 */
@EventContract(name = "RefundRequested", version = 1, topic = Topics.ORDER_ORDER)
public record RefundRequested(UUID orderId, String orderNumber, UUID refundId, @Nullable UUID paymentId,
        Money amount, String reason, Instant requestedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
