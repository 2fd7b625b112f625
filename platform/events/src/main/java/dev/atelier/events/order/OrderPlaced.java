package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A shopper (or a marketplace import, channel {@code EBAY}) placed an order; the checkout saga starts here. */
@EventContract(name = "OrderPlaced", version = 1, topic = Topics.ORDER_ORDER)
public record OrderPlaced(
        UUID orderId,
        String orderNumber,
        String channel,
        String customerEmail,
        @Nullable UUID customerId,
        List<OrderLine> lines,
        Money total,
        Instant placedAt) implements DomainEvent {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
