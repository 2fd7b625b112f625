package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The order is cancelled: inventory releases its stock and payment expires any open session. The reason is
 * one of {@code OUT_OF_STOCK}, {@code COUPON_UNAVAILABLE}, {@code PAYMENT_FAILED}, {@code PAYMENT_TIMEOUT},
 * {@code CUSTOMER}; it is a string so that a reason added later does not break consumers that do not know it yet.
 * Cart-service releases {@code couponCode} and reopens {@code cartId} when no payment was taken.
 */
@EventContract(name = "OrderCancelled", version = 1, topic = Topics.ORDER_ORDER)
public record OrderCancelled(UUID orderId, String orderNumber, String reason, Instant cancelledAt,
        @Nullable String customerEmail, @Nullable UUID cartId, @Nullable String couponCode,
        @Nullable Boolean paymentTaken) implements DomainEvent {

    /** Without the optional details. */
    public OrderCancelled(UUID orderId, String orderNumber, String reason, Instant cancelledAt) {
        this(orderId, orderNumber, reason, cancelledAt, null, null, null, null);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
