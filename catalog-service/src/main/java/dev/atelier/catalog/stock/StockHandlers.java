package dev.atelier.catalog.stock;

import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import org.springframework.stereotype.Component;

/** Inventory's stock figures, for the storefront's "in stock" filter and badges. */
@Component
@IgnoredEvents(LowStockDetected.class)
class StockHandlers {

    private final StockLevels levels;

    StockHandlers(StockLevels levels) {
        this.levels = levels;
    }

    @EventHandler
    void on(StockLevelChanged changed) {
        levels.record(changed.sku(), changed.available());
    }
}
