package dev.atelier.cart.coupon;

import dev.atelier.events.Money;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.cart.CouponReleased;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The checkout saga's coupon step. On OrderPlaced carrying a coupon: lock the coupon row, decide, take a use with
 * the guarded update ({@code uses < max_uses}), and answer CouponRedeemed or CouponRejected with the reason; the
 * row lock makes concurrent orders for one code queue, the guard and a CHECK constraint make over-use impossible
 * even if the decision were wrong. OrderCancelled gives the use back (CouponReleased); OrderConfirmed makes it
 * final. Each step runs in the inbox's transaction and is idempotent per order.
 */
@Component
class CouponSagaStep {

    private static final Logger log = LoggerFactory.getLogger(CouponSagaStep.class);

    private final Coupons coupons;
    private final Redemptions redemptions;
    private final Outbox outbox;
    private final Clock clock;

    CouponSagaStep(Coupons coupons, Redemptions redemptions, Outbox outbox, Clock clock) {
        this.coupons = coupons;
        this.redemptions = redemptions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventHandler
    void on(OrderPlaced order) {
        if (order.couponCode() == null || order.couponCode().isBlank()) {
            return;
        }
        String code = Coupon.normalise(order.couponCode());
        Optional<Coupon> coupon = coupons.lock(code);
        // checked under the coupon's lock: a redelivered OrderPlaced waits for the first one and then sees it
        if (redemptions.exists(order.orderId())) {
            log.info("Order {} has had its coupon decided already", order.orderId());
            return;
        }
        Instant now = clock.instant();
        UUID cartId = order.cartId() == null ? order.orderId() : order.cartId();
        Money discount = order.totals() == null ? Money.zero(order.total().currency()) : order.totals().discount();
        Optional<String> refusal = coupon.isEmpty() ? Optional.of("NOT_FOUND") : refusal(coupon.get(), order, now);
        if (refusal.isEmpty() && !coupons.takeUse(code)) {
            refusal = Optional.of("USED_UP");
        }
        if (refusal.isPresent()) {
            redemptions.record(order.orderId(), code, order.cartId(), order.customerId(), order.customerEmail(),
                    Money.zero(discount.currency()), Redemptions.Status.REJECTED, refusal.get(), now);
            outbox.record(new CouponRejected(cartId, order.orderId(), code, refusal.get(), now));
            return;
        }
        redemptions.record(order.orderId(), code, order.cartId(), order.customerId(), order.customerEmail(), discount,
                Redemptions.Status.REDEEMED, null, now);
        outbox.record(new CouponRedeemed(cartId, order.orderId(), code, discount, now));
    }

    private Optional<String> refusal(Coupon coupon, OrderPlaced order, Instant now) {
        Optional<String> unusable = coupon.unusableAt(now);
        if (unusable.isPresent()) {
            return unusable;
        }
        if (coupon.perCustomerLimit() != null && redemptions.heldBy(coupon.code(), order.customerId(),
                order.customerEmail()) >= coupon.perCustomerLimit()) {
            return Optional.of("CUSTOMER_LIMIT");
        }
        if (order.totals() != null && order.totals().subtotal().minor() < coupon.minimumSpend().minor()) {
            return Optional.of("NOT_APPLICABLE");
        }
        return Optional.empty();
    }

    @EventHandler
    void on(OrderCancelled order) {
        Optional<Redemptions.Status> status = redemptions.lock(order.orderId());
        if (status.isEmpty() || status.get() != Redemptions.Status.REDEEMED) {
            return;
        }
        String code = redemptions.code(order.orderId()).orElseThrow();
        coupons.giveBackUse(code);
        Instant now = clock.instant();
        redemptions.move(order.orderId(), Redemptions.Status.RELEASED, now);
        UUID cartId = order.cartId() == null ? order.orderId() : order.cartId();
        outbox.record(new CouponReleased(cartId, order.orderId(), code, now));
    }

    @EventHandler
    void on(OrderConfirmed order) {
        Optional<Redemptions.Status> status = redemptions.lock(order.orderId());
        if (status.isPresent() && status.get() == Redemptions.Status.REDEEMED) {
            redemptions.move(order.orderId(), Redemptions.Status.FINAL, clock.instant());
        }
    }
}
