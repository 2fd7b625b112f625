package dev.atelier.cart.product;

import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import org.springframework.stereotype.Component;

/** Keeps the read model of sellable variants in step with catalog's product events and inventory's stock levels. */
@Component
@IgnoredEvents({BundleDefined.class, LowStockDetected.class})
class ProductEvents {

    private final SellableVariants variants;

    ProductEvents(SellableVariants variants) {
        this.variants = variants;
    }

    @EventHandler
    void on(ProductPublished event) {
        variants.replaceProduct(event.productId(), event.name(), event.variants(), event.imageUrl(), event.taxClass(),
                event.categories(), event.personalisable(), event.publishedAt());
    }

    @EventHandler
    void on(ProductUpdated event) {
        variants.replaceProduct(event.productId(), event.name(), event.variants(), event.imageUrl(), event.taxClass(),
                event.categories(), event.personalisable(), event.updatedAt());
    }

    @EventHandler
    void on(PriceChanged event) {
        variants.changePrice(event.sku(), event.price(), event.changedAt());
    }

    @EventHandler
    void on(ProductRetired event) {
        variants.retire(event.skus(), event.retiredAt());
    }

    @EventHandler
    void on(StockLevelChanged event) {
        variants.stockLevel(event.sku(), event.available());
    }
}
