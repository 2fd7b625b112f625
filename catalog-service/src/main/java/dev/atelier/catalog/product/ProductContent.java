package dev.atelier.catalog.product;

import dev.atelier.events.Money;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A draft checked and resolved (category and occasions by id, prices in the product's currency): what the
 * aggregate applies. Built only by {@link Catalogue}, which checks what needs the database.
 */
record ProductContent(String slug, String name, String description, @Nullable String brand, Money price,
        TaxClass taxClass, UUID categoryId, Set<UUID> occasionIds, @Nullable String seoTitle,
        @Nullable String seoDescription, List<VariantContent> variants, List<Option> options,
        List<ProductImage> images) {

    record VariantContent(String sku, Map<String, String> attributes, @Nullable Long priceAmount, long weightGrams,
            @Nullable String partNumber, @Nullable String barcode, List<Component> components) {
    }

    record Option(String key, String label, OptionType type, boolean required, long priceModifier, OptionRules rules) {
    }
}
