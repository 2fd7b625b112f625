package dev.atelier.events.inventory;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.util.List;
import java.util.UUID;

/** A paid order's reservation became a sale: the units left the stock on hand. */
@EventContract(name = "StockCommitted", version = 1, topic = Topics.INVENTORY_RESERVATION)
public record StockCommitted(UUID orderId, List<StockLine> lines) implements DomainEvent {

    public StockCommitted {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
