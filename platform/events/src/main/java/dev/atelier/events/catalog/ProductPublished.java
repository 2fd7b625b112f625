package dev.atelier.events.catalog;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A product went on sale: its sellable variants exist from now on (inventory creates a stock item for each). The
 * optional facts are what a cart's line snapshot and pricing need without calling catalog: the primary image's
 * URL, the tax class ({@code STANDARD} or {@code ZERO}), the slugs of its categories with their ancestors (coupon
 * restrictions) and whether the product takes personalisation.
 */
@EventContract(name = "ProductPublished", version = 1, topic = Topics.CATALOG_PRODUCT)
public record ProductPublished(UUID productId, String slug, String name, List<SellableVariant> variants,
        Instant publishedAt, @Nullable String imageUrl, @Nullable String taxClass, @Nullable List<String> categories,
        @Nullable Boolean personalisable) implements DomainEvent {

    public ProductPublished {
        variants = List.copyOf(variants);
        categories = categories == null ? null : List.copyOf(categories);
    }

    /** Without the optional facts (image, tax class, categories, personalisable) that v1 added later. */
    public ProductPublished(UUID productId, String slug, String name, List<SellableVariant> variants, Instant publishedAt) {
        this(productId, slug, name, variants, publishedAt, null, null, null, null);
    }

    @Override
    public String aggregateId() {
        return productId.toString();
    }
}
