package dev.atelier.events.marketplace;

import dev.atelier.events.Money;
import org.jspecify.annotations.Nullable;

/** One line of a marketplace order: our SKU (from the listing's custom label), quantity and the price paid per unit. */
public record MarketplaceLine(String sku, int quantity, Money unitPrice, @Nullable String title,
        @Nullable String externalLineId) {
}
