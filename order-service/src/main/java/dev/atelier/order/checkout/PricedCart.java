package dev.atelier.order.checkout;

import dev.atelier.events.Money;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The priced cart as cart-service answers {@code GET /internal/carts/{id}} (see /work/notes/cart-api.md). */
record PricedCart(UUID id, long version, String status, @Nullable UUID customerId, @Nullable String email,
        String currency, List<Line> lines, @Nullable Coupon coupon, @Nullable Gift gift, @Nullable Shipping shipping,
        Totals totals, @Nullable List<Blocker> checkoutBlockers) {

    record Line(UUID lineId, String sku, int quantity, @Nullable String name, @Nullable Map<String, String> attributes,
            @Nullable String imageUrl, @Nullable Map<String, String> personalisation,
            @Nullable Map<String, String> personalisationLabels, @Nullable String taxClass, Money unitPrice,
            Money lineTotal, @Nullable String previewUrl) {
    }

    record Coupon(String code, @Nullable Money discount) {
    }

    record Gift(boolean wrap, @Nullable String message, boolean hidePrices) {
    }

    record Shipping(@Nullable String option, @Nullable String country, @Nullable Money price) {
    }

    record Totals(Money subtotal, @Nullable Money discount, @Nullable Money shipping, @Nullable Money giftWrap,
            @Nullable Money tax, Money total) {
    }

    record Blocker(String code, @Nullable UUID lineId, @Nullable String message) {
    }
}
