package dev.atelier.events.catalog;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A bundle SKU on sale is made of these components; the list replaces any earlier definition of that SKU. */
@EventContract(name = "BundleDefined", version = 1, topic = Topics.CATALOG_PRODUCT)
public record BundleDefined(UUID productId, String bundleSku, List<BundleComponent> components, Instant definedAt)
        implements DomainEvent {

    public BundleDefined {
        components = List.copyOf(components);
    }

    @Override
    public String aggregateId() {
        return productId.toString();
    }
}
