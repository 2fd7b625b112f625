package dev.atelier.events.inventory;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;

/** The figures of one SKU after a transaction that changed what is available. */
@EventContract(name = "StockLevelChanged", version = 1, topic = Topics.INVENTORY_STOCK)
public record StockLevelChanged(String sku, long onHand, long reserved, long available) implements DomainEvent {

    @Override
    public String aggregateId() {
        return sku;
    }
}
