package dev.atelier.cart.abandonment;

import dev.atelier.cart.cart.CartPricing;
import dev.atelier.cart.cart.PricedCart;
import dev.atelier.cart.coupon.Coupon;
import dev.atelier.cart.coupon.CouponAdministration;
import dev.atelier.events.Money;
import dev.atelier.events.cart.AbandonedLine;
import dev.atelier.events.cart.CartAbandoned;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clock of the abandoned-cart sequence: a cart with a known e-mail, lines and no activity for 2 hours gets
 * step 1 (CartAbandoned), 24 hours step 2 (with current stock and prices), 72 hours step 3 (with a freshly issued
 * single-use coupon). Each step is sent once; a cart idle past several thresholds gets only the latest one. Any
 * activity starts the sequence again; an order, an emptied cart or an unsubscribed address ends it.
 */
@Service
public class AbandonmentClock {

    private static final Logger log = LoggerFactory.getLogger(AbandonmentClock.class);
    private static final int BATCH = 200;
    static final String COUPON_PREFIX = "COMEBACK";

    private final AbandonedCarts carts;
    private final CartPricing pricing;
    private final CouponAdministration coupons;
    private final Outbox outbox;
    private final AbandonmentProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AbandonmentClock(AbandonedCarts carts, CartPricing pricing, CouponAdministration coupons, Outbox outbox,
            AbandonmentProperties properties, TransactionTemplate transaction, Clock clock) {
        this.carts = carts;
        this.pricing = pricing;
        this.coupons = coupons;
        this.outbox = outbox;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A step sent: which cart, which step. */
    public record Sent(UUID cartId, int step) {
    }

    @Scheduled(fixedDelayString = "${atelier.abandonment.sweep-interval:1m}",
            initialDelayString = "${atelier.abandonment.sweep-interval:1m}")
    @SchedulerLock(name = "abandoned-cart-clock", lockAtMostFor = "PT10M")
    void scheduled() {
        List<Sent> sent = tick();
        if (!sent.isEmpty()) {
            log.info("Sent {} abandoned-cart step(s)", sent.size());
        }
    }

    /** Sends every step that is due now, batch by batch; returns what it sent. */
    public List<Sent> tick() {
        List<Sent> all = new ArrayList<>();
        List<Sent> batch;
        do {
            batch = transaction.execute(status -> sendDue());
            all.addAll(batch);
        } while (batch.size() == BATCH);
        return all;
    }

    private List<Sent> sendDue() {
        Instant now = clock.instant();
        List<Sent> sent = new ArrayList<>();
        for (AbandonedCarts.Candidate candidate : carts.lockDue(now.minus(properties.firstAfter()),
                now.minus(properties.secondAfter()), now.minus(properties.thirdAfter()), BATCH)) {
            int step = dueStep(Duration.between(candidate.lastActivityAt(), now));
            if (step <= candidate.step()) {
                continue;
            }
            send(candidate, step, now);
            carts.markStep(candidate.cartId(), step);
            sent.add(new Sent(candidate.cartId(), step));
        }
        return sent;
    }

    private int dueStep(Duration idle) {
        if (idle.compareTo(properties.thirdAfter()) >= 0) {
            return 3;
        }
        if (idle.compareTo(properties.secondAfter()) >= 0) {
            return 2;
        }
        return idle.compareTo(properties.firstAfter()) >= 0 ? 1 : 0;
    }

    private void send(AbandonedCarts.Candidate candidate, int step, Instant now) {
        Coupon coupon = step == 3 ? coupons.issueSingleUse(COUPON_PREFIX, properties.couponPercentOff(),
                properties.couponValidFor(), candidate.cartId()) : null;
        PricedCart cart = (coupon == null ? pricing.anyCart(candidate.cartId())
                : pricing.withCoupon(candidate.cartId(), coupon.code())).orElseThrow();
        List<AbandonedLine> lines = cart.lines().stream()
                .map(line -> new AbandonedLine(line.sku(), line.name(), line.quantity(), line.unitPrice(),
                        line.imageUrl(), line.personalisation(), step >= 2 ? line.stockLeft() : null))
                .toList();
        Money discount = cart.coupon() == null ? null : cart.coupon().discount();
        outbox.record(new CartAbandoned(candidate.cartId(), candidate.email(), candidate.customerId(), step, lines,
                cart.totals().subtotal(), coupon == null ? null : coupon.code(), coupon == null ? null : discount,
                coupon == null ? null : coupon.endsAt(), candidate.lastActivityAt()));
    }

    /** Stops the sequence for an address (the mail's unsubscribe link, through notification-service). */
    public void unsubscribe(String email) {
        transaction.executeWithoutResult(status -> carts.unsubscribe(email, clock.instant()));
    }

    public Map<String, Map<Integer, Long>> figures() {
        return carts.figures();
    }
}
