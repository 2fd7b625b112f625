package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A parcel of an order left the workshop with a carrier: the lines it holds (an order may ship in several
 * parcels, the mug before the engraved keyring) and how to track it. {@code complete} is true when every line of
 * the order has now shipped.
 */
@EventContract(name = "OrderShipped", version = 1, topic = Topics.ORDER_ORDER)
public record OrderShipped(UUID orderId, String orderNumber, String customerEmail, List<UUID> lineIds,
        String carrier, String trackingNumber, @Nullable String trackingUrl, boolean complete, Instant shippedAt)
        implements DomainEvent {

    public OrderShipped {
        lineIds = List.copyOf(lineIds);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
