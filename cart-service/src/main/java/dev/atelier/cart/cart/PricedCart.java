package dev.atelier.cart.cart;

import dev.atelier.events.Money;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cart priced by the one engine: the shape of {@code GET /api/cart} and of the internal priced cart that
 * order-service copies into the order (notes/cart-api.md). Field names are a contract: add, never rename.
 */
public record PricedCart(@Nullable UUID id, long version, String status, @Nullable UUID customerId,
        @Nullable String email, Currency currency, List<Line> lines, @Nullable AppliedCoupon coupon, GiftView gift,
        ShippingView shipping, Totals totals, List<Blocker> checkoutBlockers) {

    public PricedCart {
        lines = List.copyOf(lines);
        checkoutBlockers = List.copyOf(checkoutBlockers);
    }

    /**
     * A line with its current price; {@code previousUnitPrice} is the price when added, if it changed since;
     * {@code previewUrl} the picture of the personalisation the shopper saw, when the storefront sent one.
     */
    public record Line(UUID lineId, String sku, int quantity, String name, Map<String, String> attributes,
            @Nullable String imageUrl, Map<String, String> personalisation, Map<String, String> personalisationLabels,
            String taxClass, Money unitPrice, Money lineTotal, boolean available, boolean priceChanged,
            @Nullable Money previousUnitPrice, @Nullable Long stockLeft, @Nullable String previewUrl) {

        /** Where a preview stored in catalog's media is served (through the gateway). */
        static @Nullable String previewUrl(@Nullable UUID previewRef) {
            return previewRef == null ? null : "/api/catalog/media/" + previewRef;
        }
    }

    /** The cart's coupon and what it takes off; {@code problem} and {@code message} say why nothing comes off. */
    public record AppliedCoupon(String code, Money discount, @Nullable String problem, @Nullable String message) {
    }

    public record GiftView(boolean wrap, @Nullable String message, boolean hidePrices) {
    }

    public record ShippingView(String option, String country, Money price, boolean free, long weightGrams) {
    }

    /** VAT of one tax class inside the total. */
    public record TaxLine(String taxClass, int rateBasisPoints, Money gross, Money tax) {
    }

    public record Totals(Money subtotal, Money discount, Money shipping, Money giftWrap, Money tax, Money total,
            boolean taxIncluded, List<TaxLine> taxes) {
    }

    /** Why the cart cannot be checked out as it is: {@code EMPTY_CART}, {@code UNAVAILABLE_LINE}, coupon problems. */
    public record Blocker(String code, @Nullable UUID lineId, String message) {
    }
}
