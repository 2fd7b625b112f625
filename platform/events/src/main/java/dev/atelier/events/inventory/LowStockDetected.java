package dev.atelier.events.inventory;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;

/** What is available of a SKU fell to or below its reorder point: time to order {@code reorderQuantity} more. */
@EventContract(name = "LowStockDetected", version = 1, topic = Topics.INVENTORY_STOCK)
public record LowStockDetected(String sku, long onHand, long reserved, long available, long reorderPoint,
        long reorderQuantity) implements DomainEvent {

    @Override
    public String aggregateId() {
        return sku;
    }
}
