package dev.atelier.events.order;

import dev.atelier.events.Money;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of an order as the other services see it; personalisation maps option keys to the shopper's values.
 * The optional snapshot (product name, variant attributes, image, option labels for a readable personalisation,
 * line total) lets notification and the back-office show the line without calling catalog. {@code previewUrl}
 * (optional, added later) is the picture of the personalisation the shopper saw in the storefront, kept in catalog's
 * media ({@code /api/catalog/media/{id}}), so that the maker sees it too.
 */
public record OrderLine(UUID lineId, String sku, int quantity, Money unitPrice, Map<String, String> personalisation,
        @Nullable String name, @Nullable Map<String, String> attributes, @Nullable String imageUrl,
        @Nullable Map<String, String> personalisationLabels, @Nullable Money lineTotal, @Nullable String previewUrl) {

    public OrderLine {
        personalisation = personalisation == null ? Map.of() : Map.copyOf(personalisation);
        attributes = attributes == null ? null : Map.copyOf(attributes);
        personalisationLabels = personalisationLabels == null ? null : Map.copyOf(personalisationLabels);
    }

    /** Without the preview. */
    public OrderLine(UUID lineId, String sku, int quantity, Money unitPrice, Map<String, String> personalisation,
            @Nullable String name, @Nullable Map<String, String> attributes, @Nullable String imageUrl,
            @Nullable Map<String, String> personalisationLabels, @Nullable Money lineTotal) {
        this(lineId, sku, quantity, unitPrice, personalisation, name, attributes, imageUrl, personalisationLabels,
                lineTotal, null);
    }

    /** Without the optional snapshot. */
    public OrderLine(UUID lineId, String sku, int quantity, Money unitPrice, Map<String, String> personalisation) {
        this(lineId, sku, quantity, unitPrice, personalisation, null, null, null, null, null, null);
    }
}
