package dev.atelier.notification.order;

import dev.atelier.events.Money;
import dev.atelier.events.order.GiftOptions;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What notification knows of an order, from OrderPlaced and OrderConfirmed: who to write to and what they bought.
 * A later event's optional details fill in what an earlier one left out, never the other way round.
 */
record OrderSnapshot(UUID orderId, String orderNumber, String customerEmail, @Nullable UUID customerId,
        List<OrderLine> lines, Money total, @Nullable OrderTotals totals, @Nullable ShippingAddress shippingAddress,
        @Nullable GiftOptions gift) {

    OrderSnapshot {
        lines = List.copyOf(lines);
    }

    static OrderSnapshot of(OrderPlaced order) {
        return new OrderSnapshot(order.orderId(), order.orderNumber(), order.customerEmail(), order.customerId(),
                order.lines(), order.total(), order.totals(), order.shippingAddress(), order.gift());
    }

    static OrderSnapshot of(OrderConfirmed order, @Nullable OrderSnapshot known) {
        return new OrderSnapshot(order.orderId(), order.orderNumber(), order.customerEmail(),
                order.customerId() != null ? order.customerId() : known == null ? null : known.customerId(),
                richer(order.lines(), known == null ? null : known.lines()), order.total(),
                order.totals() != null ? order.totals() : known == null ? null : known.totals(),
                order.shippingAddress() != null ? order.shippingAddress() : known == null ? null : known.shippingAddress(),
                order.gift() != null ? order.gift() : known == null ? null : known.gift());
    }

    // a confirmation without the lines' snapshot (name, labels) keeps the snapshot OrderPlaced carried
    private static List<OrderLine> richer(List<OrderLine> lines, @Nullable List<OrderLine> known) {
        if (known == null || lines.stream().allMatch(l -> l.name() != null)) {
            return lines;
        }
        return lines.stream().map(line -> line.name() != null ? line : known.stream()
                .filter(k -> k.lineId().equals(line.lineId())).findFirst().orElse(line)).toList();
    }
}
