package dev.atelier.events.cart;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** The order's coupon is taken (one use counted against its limits); the saga may go on to payment. */
@EventContract(name = "CouponRedeemed", version = 1, topic = Topics.CART_CART)
public record CouponRedeemed(UUID cartId, UUID orderId, String code, Money discount, Instant redeemedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return cartId.toString();
    }
}
