package dev.atelier.cart.pricing;

import dev.atelier.events.Money;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a coupon takes off, and from what: a restricted coupon applies only to lines of its SKUs or categories
 * (none listed: every line); below the minimum spend (the subtotal before discount) it takes nothing off.
 */
public record CouponTerms(String code, CouponKind kind, int percentOff, @Nullable Money amountOff,
        Money minimumSpend, Set<String> skus, Set<String> categories) {

    public CouponTerms {
        skus = Set.copyOf(skus);
        categories = Set.copyOf(categories);
    }

    boolean appliesTo(PricingLine line) {
        if (skus.isEmpty() && categories.isEmpty()) {
            return true;
        }
        return skus.contains(line.sku()) || line.categories().stream().anyMatch(categories::contains);
    }
}
