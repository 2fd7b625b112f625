package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Every line of the order reached the shopper: notification invites a review, catalog marks the shopper's reviews
 * of these SKUs as verified purchases, returns open for 30 days.
 */
@EventContract(name = "OrderDelivered", version = 1, topic = Topics.ORDER_ORDER)
public record OrderDelivered(UUID orderId, String orderNumber, String customerEmail, @Nullable UUID customerId,
        List<String> skus, Instant deliveredAt) implements DomainEvent {

    public OrderDelivered {
        skus = List.copyOf(skus);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
