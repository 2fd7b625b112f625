package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Money went back to the shopper for this order, in full or in part ({@code returnId} when it was for a return);
 * the back-office takes it off the revenue, notification tells the shopper.
 */
@EventContract(name = "OrderRefunded", version = 1, topic = Topics.ORDER_ORDER)
public record OrderRefunded(UUID orderId, String orderNumber, String customerEmail, Money amount, String reason,
        @Nullable UUID returnId, Instant refundedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
