package dev.atelier.cart.pricing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Everything that decides a cart's total. */
public record PricingRequest(List<PricingLine> lines, @Nullable CouponTerms coupon, boolean giftWrap,
        String shippingOption, String country) {

    public PricingRequest {
        lines = List.copyOf(lines);
    }
}
