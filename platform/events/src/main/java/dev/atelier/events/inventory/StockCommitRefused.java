package dev.atelier.events.inventory;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.util.List;
import java.util.UUID;

/**
 * A paid order's stock could not be committed because it was not held for the order any more: the order-service
 * must refund or re-reserve. {@code reason} is the reservation's state: {@code RELEASED} (the order was
 * cancelled), {@code EXPIRED} (held past its time), {@code REJECTED} (it was never reserved: out of stock) or
 * {@code NOT_PLACED} (inventory never saw the order placed). {@code lines} are what the reservation held, empty for
 * {@code NOT_PLACED}.
 */
@EventContract(name = "StockCommitRefused", version = 1, topic = Topics.INVENTORY_RESERVATION)
public record StockCommitRefused(UUID orderId, String reason, List<StockLine> lines) implements DomainEvent {

    public StockCommitRefused {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
