package dev.atelier.inventory;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Orders as order-service announces them, named after what they are. */
public final class Orders {

    private Orders() {
    }

    public static OrderLine line(String sku, int quantity) {
        return new OrderLine(UUID.randomUUID(), sku, quantity, Money.gbp(1500), Map.of());
    }

    public static OrderPlaced aPlacedOrder(UUID orderId, OrderLine... lines) {
        List<OrderLine> all = Arrays.asList(lines);
        Money total = all.stream().map(l -> l.unitPrice().times(l.quantity())).reduce(Money.gbp(0), Money::plus);
        return new OrderPlaced(orderId, "AT-" + orderId.toString().substring(0, 8), "WEB", "shopper@example.co.uk",
                null, all, total, Instant.now());
    }

    public static OrderPlaced aPlacedOrderOf(String sku, int quantity) {
        return aPlacedOrder(UUID.randomUUID(), line(sku, quantity));
    }

    public static OrderConfirmed theConfirmationOf(OrderPlaced order) {
        return new OrderConfirmed(order.orderId(), order.orderNumber(), order.channel(), order.customerEmail(),
                order.lines(), order.total(), Instant.now());
    }

    public static OrderCancelled theCancellationOf(OrderPlaced order, String reason) {
        return new OrderCancelled(order.orderId(), order.orderNumber(), reason, Instant.now());
    }
}
