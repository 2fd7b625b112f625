package dev.atelier.events.catalog;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** The VAT-inclusive price of one SKU on sale changed (carts reprice their lines, marketplaces push it). */
@EventContract(name = "PriceChanged", version = 1, topic = Topics.CATALOG_PRODUCT)
public record PriceChanged(UUID productId, String sku, Money previousPrice, Money price, Instant changedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return productId.toString();
    }
}
