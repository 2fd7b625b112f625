package dev.atelier.events.catalog;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A product was archived: its SKUs can no longer be bought (orders already placed still complete). */
@EventContract(name = "ProductRetired", version = 1, topic = Topics.CATALOG_PRODUCT)
public record ProductRetired(UUID productId, String slug, List<String> skus, Instant retiredAt) implements DomainEvent {

    public ProductRetired {
        skus = List.copyOf(skus);
    }

    @Override
    public String aggregateId() {
        return productId.toString();
    }
}
