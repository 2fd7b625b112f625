package dev.atelier.events.cart;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * The order's coupon cannot be used: {@code reason} is {@code USED_UP}, {@code EXPIRED}, {@code NOT_FOUND},
 * {@code INACTIVE}, {@code CUSTOMER_LIMIT} or {@code NOT_APPLICABLE} (a string, so a new reason does not break
 * consumers); the saga cancels the order with {@code COUPON_UNAVAILABLE}.
 */
@EventContract(name = "CouponRejected", version = 1, topic = Topics.CART_CART)
public record CouponRejected(UUID cartId, UUID orderId, String code, String reason, Instant rejectedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return cartId.toString();
    }
}
