package dev.atelier.events.inventory;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every line of the order is held until {@code expiresAt}; the checkout may ask for payment. */
@EventContract(name = "StockReserved", version = 1, topic = Topics.INVENTORY_RESERVATION)
public record StockReserved(UUID orderId, List<StockLine> lines, Instant expiresAt) implements DomainEvent {

    public StockReserved {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
