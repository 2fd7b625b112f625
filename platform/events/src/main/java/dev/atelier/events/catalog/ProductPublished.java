package dev.atelier.events.catalog;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A product went on sale: its sellable variants exist from now on (inventory creates a stock item for each). */
@EventContract(name = "ProductPublished", version = 1, topic = Topics.CATALOG_PRODUCT)
public record ProductPublished(UUID productId, String slug, String name, List<SellableVariant> variants,
        Instant publishedAt) implements DomainEvent {

    public ProductPublished {
        variants = List.copyOf(variants);
    }

    @Override
    public String aggregateId() {
        return productId.toString();
    }
}
