package dev.atelier.cart.pricing;

import dev.atelier.events.Money;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A priced cart: {@code total = subtotal - discount + shipping + giftWrap}; every price includes VAT and
 * {@code tax} is the VAT inside {@code total}, the sum of {@code taxes} per tax class.
 */
public record Priced(Map<UUID, Money> lineTotals, Money subtotal, Money discount, Shipping shipping, Money giftWrap,
        Money tax, Money total, List<TaxShare> taxes, @Nullable CouponOutcome coupon) {

    public Priced {
        lineTotals = Map.copyOf(lineTotals);
        taxes = List.copyOf(taxes);
    }

    /** The chosen shipping option's price for this parcel and destination; {@code free} when waived. */
    public record Shipping(String option, String country, long weightGrams, Money price, boolean free) {
    }

    /** The VAT of one tax class: the gross it is part of (after its share of the discount) and the VAT inside. */
    public record TaxShare(String taxClass, int rateBasisPoints, Money gross, Money tax) {
    }

    /**
     * What the cart's coupon does: {@code discount} is what it takes off (for a free-shipping coupon, the shipping
     * it waives); {@code problem} says why it takes nothing off ({@code MINIMUM_SPEND}, with {@code shortBy};
     * {@code NOT_APPLICABLE} when no line is eligible).
     */
    public record CouponOutcome(String code, CouponKind kind, Money discount, @Nullable String problem,
            @Nullable Money shortBy) {
    }
}
