package dev.atelier.cart;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.OrderTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Orders as order-service announces them, named after what they are. */
public final class Orders {

    private Orders() {
    }

    /** An order for a cart of two £14.99 mugs, with a coupon that took £3 off. */
    public static OrderPlaced anOrderWithCoupon(UUID cartId, @Nullable String couponCode, @Nullable UUID customerId,
            String email) {
        UUID orderId = UUID.randomUUID();
        List<OrderLine> lines = List.of(new OrderLine(UUID.randomUUID(), "MUG-XMAS-001", 2, Money.gbp(1499), Map.of()));
        OrderTotals totals = new OrderTotals(Money.gbp(2998), Money.gbp(300), Money.gbp(395), Money.gbp(0),
                Money.gbp(516), Money.gbp(3093));
        return new OrderPlaced(orderId, "AT-" + orderId.toString().substring(0, 8), "WEB", email, customerId, lines,
                totals.total(), Instant.now(), cartId, couponCode, "card", null, totals, null, "standard", null);
    }

    public static OrderPlaced anOrderFor(UUID cartId) {
        return anOrderWithCoupon(cartId, null, null, "shopper@example.co.uk");
    }

    public static OrderCancelled theCancellationOf(OrderPlaced order, String reason, boolean paymentTaken) {
        return new OrderCancelled(order.orderId(), order.orderNumber(), reason, Instant.now(), order.customerEmail(),
                order.cartId(), order.couponCode(), paymentTaken);
    }

    public static OrderConfirmed theConfirmationOf(OrderPlaced order) {
        return new OrderConfirmed(order.orderId(), order.orderNumber(), order.channel(), order.customerEmail(),
                order.lines(), order.total(), Instant.now(), order.customerId(), order.cartId(), order.couponCode(),
                order.totals(), null, null);
    }
}
