package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of a paid order moved through the workshop: {@code status} is {@code PENDING}, {@code IN_PRODUCTION},
 * {@code READY}, {@code SHIPPED} or {@code DELIVERED} (strings, so a new step does not break consumers);
 * {@code orderStatus} is the order's status that follows from all its lines. The back-office builds its
 * production queue from these.
 */
@EventContract(name = "OrderItemFulfilmentChanged", version = 1, topic = Topics.ORDER_ORDER)
public record OrderItemFulfilmentChanged(UUID orderId, String orderNumber, UUID lineId, String sku,
        String previousStatus, String status, String orderStatus, Instant changedAt, @Nullable String actor)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
