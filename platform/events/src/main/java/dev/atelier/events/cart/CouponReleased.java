package dev.atelier.events.cart;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** The cancelled order's coupon use is given back, so the code can be used again within its limits. */
@EventContract(name = "CouponReleased", version = 1, topic = Topics.CART_CART)
public record CouponReleased(UUID cartId, UUID orderId, String code, Instant releasedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return cartId.toString();
    }
}
