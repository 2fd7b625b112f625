package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The order is paid: inventory commits its reservation, notification mails the shopper, catalog counts sales. */
@EventContract(name = "OrderConfirmed", version = 1, topic = Topics.ORDER_ORDER)
public record OrderConfirmed(
        UUID orderId,
        String orderNumber,
        String channel,
        String customerEmail,
        List<OrderLine> lines,
        Money total,
        Instant confirmedAt,
        @Nullable UUID customerId,
        @Nullable UUID cartId,
        @Nullable String couponCode,
        @Nullable OrderTotals totals,
        @Nullable ShippingAddress shippingAddress,
        @Nullable GiftOptions gift) implements DomainEvent {

    public OrderConfirmed {
        lines = List.copyOf(lines);
    }

    /** Without the optional details (customer, cart, coupon, totals, address, gift). */
    public OrderConfirmed(UUID orderId, String orderNumber, String channel, String customerEmail,
            List<OrderLine> lines, Money total, Instant confirmedAt) {
        this(orderId, orderNumber, channel, customerEmail, lines, total, confirmedAt, null, null, null, null, null,
                null);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
