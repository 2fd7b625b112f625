package dev.atelier.cart.coupon;

import dev.atelier.cart.pricing.CouponKind;
import dev.atelier.cart.pricing.CouponTerms;
import dev.atelier.events.Money;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A coupon as stored: its terms, validity window, limits and usage. {@link #unusableAt(Instant)} says why it cannot
 * be used now, if it cannot.
 */
public record Coupon(String code, CouponKind kind, @Nullable Integer percentOff, @Nullable Money amountOff,
        Money minimumSpend, @Nullable Instant startsAt, @Nullable Instant endsAt, @Nullable Integer maxUses, int uses,
        @Nullable Integer perCustomerLimit, List<String> skus, List<String> categories, boolean singleUse,
        boolean active, Instant createdAt, String createdBy, @Nullable Instant deactivatedAt) {

    public Coupon {
        skus = List.copyOf(skus);
        categories = List.copyOf(categories);
    }

    public CouponTerms terms() {
        return new CouponTerms(code, kind, percentOff == null ? 0 : percentOff, amountOff, minimumSpend,
                Set.copyOf(skus), Set.copyOf(categories));
    }

    /** {@code INACTIVE}, {@code NOT_STARTED}, {@code EXPIRED} or {@code USED_UP}; empty when usable at {@code now}. */
    public Optional<String> unusableAt(Instant now) {
        if (!active) {
            return Optional.of("INACTIVE");
        }
        if (startsAt != null && now.isBefore(startsAt)) {
            return Optional.of("NOT_STARTED");
        }
        if (endsAt != null && !now.isBefore(endsAt)) {
            return Optional.of("EXPIRED");
        }
        if (maxUses != null && uses >= maxUses) {
            return Optional.of("USED_UP");
        }
        return Optional.empty();
    }

    /** Normalises a code as shoppers type it: trimmed, upper case. */
    public static String normalise(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }
}
