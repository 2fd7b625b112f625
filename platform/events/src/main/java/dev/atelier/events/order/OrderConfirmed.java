package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The order is paid: inventory commits its reservation, notification mails the shopper, catalog counts sales. */
@EventContract(name = "OrderConfirmed", version = 1, topic = Topics.ORDER_ORDER)
public record OrderConfirmed(
        UUID orderId,
        String orderNumber,
        String channel,
        String customerEmail,
        List<OrderLine> lines,
        Money total,
        Instant confirmedAt) implements DomainEvent {

    public OrderConfirmed {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
