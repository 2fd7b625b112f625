package dev.atelier.inventory.catalog;

import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.inventory.bundle.BundleComponent;
import dev.atelier.inventory.bundle.Bundles;
import dev.atelier.inventory.stock.Stock;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Makes a SKU exist in inventory as soon as catalog can sell it: a published (or newly added) stocked variant
 * gets a stock item with nothing on hand, and a bundle's components replace inventory's definition of it.
 * A retired product keeps its stock items (its history and any returns still need them); prices are not
 * inventory's business.
 */
@Component
@IgnoredEvents({ProductRetired.class, PriceChanged.class})
class CatalogHandlers {

    private final Stock stock;
    private final Bundles bundles;

    CatalogHandlers(Stock stock, Bundles bundles) {
        this.stock = stock;
        this.bundles = bundles;
    }

    @EventHandler
    void on(ProductPublished published) {
        register(published.variants());
    }

    @EventHandler
    void on(ProductUpdated updated) {
        register(updated.variants());
    }

    @EventHandler
    void on(BundleDefined defined) {
        // the components' own ProductPublished travel under other keys and may not have arrived yet
        defined.components().forEach(component -> stock.register(component.sku(), 0, 0));
        bundles.define(defined.bundleSku(), defined.components().stream()
                .map(component -> new BundleComponent(component.sku(), component.quantity()))
                .toList());
    }

    // registering is idempotent: a SKU already stocked keeps its figures and reorder policy
    private void register(List<SellableVariant> variants) {
        variants.stream().filter(variant -> !variant.bundle())
                .forEach(variant -> stock.register(variant.sku(), 0, 0));
    }
}
