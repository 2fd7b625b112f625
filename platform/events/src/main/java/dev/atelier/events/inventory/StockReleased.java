package dev.atelier.events.inventory;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.util.List;
import java.util.UUID;

/** A reservation was given back: reason {@code CANCELLED} (the order was cancelled) or {@code EXPIRED}. */
@EventContract(name = "StockReleased", version = 1, topic = Topics.INVENTORY_RESERVATION)
public record StockReleased(UUID orderId, String reason, List<StockLine> lines) implements DomainEvent {

    public StockReleased {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
