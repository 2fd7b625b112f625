package dev.atelier.events.catalog;

import dev.atelier.events.Money;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One SKU a shopper can buy: its VAT-inclusive price, its shipping weight and its attributes (size, colour,
 * condition). A bundle's SKU carries no stock of its own ({@code bundle} true); its components follow in
 * BundleDefined.
 */
public record SellableVariant(String sku, Money price, long weightGrams, Map<String, String> attributes,
        @Nullable String partNumber, boolean bundle) {

    public SellableVariant {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
