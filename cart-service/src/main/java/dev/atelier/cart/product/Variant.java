package dev.atelier.cart.product;

import dev.atelier.events.Money;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One SKU as the cart knows it from catalog's events: what a line's snapshot shows, what pricing needs (price,
 * tax class, weight, categories for coupon restrictions) and, from inventory, the units left ({@code null} until
 * inventory said).
 */
public record Variant(String sku, UUID productId, String name, Map<String, String> attributes,
        @Nullable String imageUrl, String taxClass, List<String> categories, boolean personalisable, Money price,
        long weightGrams, @Nullable Long available, boolean retired) {

    public Variant {
        attributes = Map.copyOf(attributes);
        categories = List.copyOf(categories);
    }
}
