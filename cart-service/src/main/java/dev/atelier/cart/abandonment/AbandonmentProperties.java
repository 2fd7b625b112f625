package dev.atelier.cart.abandonment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.abandonment.*}: when the steps of the recovery sequence fall, counted from the cart's last
 * activity, and the coupon the last step offers.
 *
 * @param firstAfter idle time before step 1
 * @param secondAfter idle time before step 2 (current stock and prices)
 * @param thirdAfter idle time before step 3 (a single-use coupon)
 * @param couponPercentOff the step-3 coupon's discount, in percent
 * @param couponValidFor how long the step-3 coupon can be used
 * @param sweepInterval how often the clock looks for carts whose next step is due
 */
@ConfigurationProperties("atelier.abandonment")
record AbandonmentProperties(
        @DefaultValue("2h") Duration firstAfter,
        @DefaultValue("24h") Duration secondAfter,
        @DefaultValue("72h") Duration thirdAfter,
        @DefaultValue("10") int couponPercentOff,
        @DefaultValue("7d") Duration couponValidFor,
        @DefaultValue("1m") Duration sweepInterval) {
}
