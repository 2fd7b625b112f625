package dev.atelier.events.inventory;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.util.List;
import java.util.UUID;

/** Not every line could be reserved, so none was; the lines say what was short. */
@EventContract(name = "StockRejected", version = 1, topic = Topics.INVENTORY_RESERVATION)
public record StockRejected(UUID orderId, List<RejectedLine> lines) implements DomainEvent {

    public StockRejected {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
