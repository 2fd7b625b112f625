package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The returned parcel arrived and was checked: inventory puts the {@code resellable} units back in stock (a RETURN
 * ledger row); the others are written off.
 */
@EventContract(name = "ReturnReceived", version = 1, topic = Topics.ORDER_ORDER)
public record ReturnReceived(UUID orderId, String orderNumber, UUID returnId, List<ReturnLine> lines,
        Instant receivedAt) implements DomainEvent {

    public ReturnReceived {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
