package dev.atelier.catalog.stock;

import dev.atelier.catalog.storefront.RenderedReads;
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
    private final RenderedReads reads;

    StockHandlers(StockLevels levels, RenderedReads reads) {
        this.levels = levels;
        this.reads = reads;
    }

    @EventHandler
    void on(StockLevelChanged changed) {
        boolean stateChanged = levels.record(changed.sku(), changed.available());
        // every reservation moves a figure: forget only the pages that show it, not the whole storefront
        reads.stockChanged(changed.sku(), stateChanged);
    }
}
