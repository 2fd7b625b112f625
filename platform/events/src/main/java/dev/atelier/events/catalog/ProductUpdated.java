package dev.atelier.events.catalog;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A product on sale was edited; the event carries its sellable variants as they are now, so a consumer that keeps
 * a copy replaces it (a variant added to a published product appears here first).
 */
@EventContract(name = "ProductUpdated", version = 1, topic = Topics.CATALOG_PRODUCT)
public record ProductUpdated(UUID productId, String slug, String name, List<SellableVariant> variants,
        Instant updatedAt, @Nullable String imageUrl, @Nullable String taxClass, @Nullable List<String> categories,
        @Nullable Boolean personalisable) implements DomainEvent {

    public ProductUpdated {
        variants = List.copyOf(variants);
        categories = categories == null ? null : List.copyOf(categories);
    }

    /** Without the optional facts (image, tax class, categories, personalisable) that v1 added later. */
    public ProductUpdated(UUID productId, String slug, String name, List<SellableVariant> variants, Instant updatedAt) {
        this(productId, slug, name, variants, updatedAt, null, null, null, null);
    }

    @Override
    public String aggregateId() {
        return productId.toString();
    }
}
