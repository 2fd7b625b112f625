package dev.atelier.order.checkout;

import dev.atelier.events.order.GiftOptions;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What was bought, as the cart priced it at checkout: the facts of an order, never changed afterwards. The lines
 * are snapshots (name, image, unit price, personalisation with its labels), so a later catalog change never alters
 * an order. {@code returnUrl} is the storefront's status page of this order, where the payment page sends the
 * shopper back.
 */
public record Order(UUID id, String number, String channel, @Nullable String externalId, String email,
        @Nullable UUID customerId, @Nullable UUID cartId, @Nullable Long cartVersion, @Nullable String couponCode,
        @Nullable String paymentMethod, @Nullable String giftCardCode, OrderTotals totals,
        @Nullable ShippingAddress shippingAddress, @Nullable String shippingOption, @Nullable GiftOptions gift,
        @Nullable String returnUrl, Instant placedAt, List<OrderLine> lines) {

    /** Orders from the store's own web shop; others (marketplaces) arrive paid. */
    public static final String WEB = "WEB";

    public Order {
        lines = List.copyOf(lines);
    }

    /** The marketplace took the money before the order reached us: the saga asks payment-service for nothing. */
    boolean paidElsewhere() {
        return !WEB.equals(channel);
    }
}
