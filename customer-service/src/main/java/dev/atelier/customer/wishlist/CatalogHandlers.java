package dev.atelier.customer.wishlist;

import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the copy of catalog's sellable variants that the wishlist is priced from. A bundle's composition is
 * inventory's concern, not a wishlist's (the bundle's own SKU arrives as a variant of its product).
 */
@Component
@IgnoredEvents(BundleDefined.class)
class CatalogHandlers {

    private static final Logger log = LoggerFactory.getLogger(CatalogHandlers.class);

    private final CatalogVariants variants;

    CatalogHandlers(CatalogVariants variants) {
        this.variants = variants;
    }

    @EventHandler
    void on(ProductPublished published) {
        variants.replaceProduct(published.productId(), published.slug(), published.name(), published.variants(),
                published.imageUrl(), published.publishedAt());
    }

    @EventHandler
    void on(ProductUpdated updated) {
        variants.replaceProduct(updated.productId(), updated.slug(), updated.name(), updated.variants(),
                updated.imageUrl(), updated.updatedAt());
    }

    @EventHandler
    void on(PriceChanged changed) {
        if (!variants.changePrice(changed.sku(), changed.price(), changed.changedAt())) {
            // the product's own events come first on its key, so this is a SKU of a product never published here
            // or a price older than what is known: neither changes what a wishlist shows
            log.info("price of {} not applied: unknown SKU or an older fact", changed.sku());
        }
    }

    @EventHandler
    void on(ProductRetired retired) {
        variants.retire(retired.skus(), retired.retiredAt());
    }
}
