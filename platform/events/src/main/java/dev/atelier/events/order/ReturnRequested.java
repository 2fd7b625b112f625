package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A shopper (or an admin for them) asked to send delivered lines back; the back-office queues it for a decision. */
@EventContract(name = "ReturnRequested", version = 1, topic = Topics.ORDER_ORDER)
public record ReturnRequested(UUID orderId, String orderNumber, UUID returnId, String customerEmail,
        List<ReturnLine> lines, String requestedBy, Instant requestedAt) implements DomainEvent {

    public ReturnRequested {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
