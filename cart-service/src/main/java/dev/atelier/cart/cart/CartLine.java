package dev.atelier.cart.cart;

import dev.atelier.events.Money;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A line as stored: the shopper's choice and the snapshot taken when it was added (name, attributes, image and the
 * unit price then, personalisation's delta included), so that a price change since can be shown. {@code previewRef} is
 * the uploaded picture of the personalised product as the shopper saw it in the storefront's preview (a catalog
 * media id), kept so that the maker sees the same.
 */
public record CartLine(UUID id, int slot, String sku, int quantity, Map<String, String> personalisation,
        String personalisationKey, Map<String, String> personalisationLabels, long priceDelta, Money addedUnitPrice,
        String name, Map<String, String> attributes, @Nullable String imageUrl, Instant addedAt,
        @Nullable UUID previewRef) {

    public CartLine {
        personalisation = Map.copyOf(personalisation);
        personalisationLabels = Map.copyOf(personalisationLabels);
        attributes = Map.copyOf(attributes);
    }

    /** The same line with another quantity and the unit price the shopper now sees as its reference. */
    CartLine withQuantity(int newQuantity, Money unitPrice) {
        return new CartLine(id, slot, sku, newQuantity, personalisation, personalisationKey, personalisationLabels,
                priceDelta, unitPrice, name, attributes, imageUrl, addedAt, previewRef);
    }

    /** The same line showing the latest preview the shopper made of it. */
    CartLine withPreview(@Nullable UUID newPreview) {
        return new CartLine(id, slot, sku, quantity, personalisation, personalisationKey, personalisationLabels,
                priceDelta, addedUnitPrice, name, attributes, imageUrl, addedAt, newPreview);
    }
}
