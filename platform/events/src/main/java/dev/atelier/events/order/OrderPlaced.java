package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A shopper (or a marketplace import, channel {@code EBAY}) placed an order; the checkout saga starts here.
 * Inventory reserves the lines; cart-service redeems {@code couponCode} (when there is one) and closes
 * {@code cartId}; the rest is what notification and the back-office show.
 */
@EventContract(name = "OrderPlaced", version = 1, topic = Topics.ORDER_ORDER)
public record OrderPlaced(
        UUID orderId,
        String orderNumber,
        String channel,
        String customerEmail,
        @Nullable UUID customerId,
        List<OrderLine> lines,
        Money total,
        Instant placedAt,
        @Nullable UUID cartId,
        @Nullable String couponCode,
        @Nullable String paymentMethod,
        @Nullable String giftCardCode,
        @Nullable OrderTotals totals,
        @Nullable ShippingAddress shippingAddress,
        @Nullable String shippingOption,
        @Nullable GiftOptions gift) implements DomainEvent {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }

    /** Without the optional checkout details (cart, coupon, payment method, gift card, totals, address, gift). */
    public OrderPlaced(UUID orderId, String orderNumber, String channel, String customerEmail,
            @Nullable UUID customerId, List<OrderLine> lines, Money total, Instant placedAt) {
        this(orderId, orderNumber, channel, customerEmail, customerId, lines, total, placedAt, null, null, null, null,
                null, null, null, null);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
