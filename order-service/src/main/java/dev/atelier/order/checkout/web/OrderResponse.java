package dev.atelier.order.checkout.web;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import dev.atelier.order.checkout.Orders;
import dev.atelier.order.checkout.OrderTracking.OrderDetails;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The order as the shopper's status page (and the customer's account) shows it. */
public record OrderResponse(UUID orderId, String orderNumber, String status, @Nullable String cancelReason, String channel,
        Instant placedAt, List<Line> lines, OrderTotals totals, @Nullable ShippingAddress shippingAddress,
        @Nullable String paymentRedirectUrl, List<Orders.TimelineEntry> timeline) {

    /**
     * A line as bought, with its personalisation in readable form ("Name: Sophie · Font: Script MT") and the picture
     * of it the shopper saw ({@code previewUrl}, when the storefront drew one).
     */
    public record Line(UUID lineId, String sku, @Nullable String name, int quantity, Money unitPrice, @Nullable Money lineTotal,
            @Nullable String imageUrl, @Nullable Map<String, String> attributes, Map<String, String> personalisation,
            String personalisationText, @Nullable String previewUrl) {
    }

    public static OrderResponse of(OrderDetails details) {
        var order = details.order();
        return new OrderResponse(order.id(), order.number(), details.status().name(), details.cancelReason(),
                order.channel(), order.placedAt(), order.lines().stream().map(OrderResponse::lineOf).toList(),
                order.totals(), order.shippingAddress(), details.paymentRedirectUrl(), details.timeline());
    }

    private static Line lineOf(OrderLine line) {
        Map<String, String> labels = line.personalisationLabels() == null ? Map.of() : line.personalisationLabels();
        String text = line.personalisation().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> labels.getOrDefault(e.getKey(), e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(" · "));
        return new Line(line.lineId(), line.sku(), line.name(), line.quantity(), line.unitPrice(), line.lineTotal(),
                line.imageUrl(), line.attributes(), line.personalisation(), text, line.previewUrl());
    }
}
