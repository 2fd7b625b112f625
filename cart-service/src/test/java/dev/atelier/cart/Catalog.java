package dev.atelier.cart;

import static org.awaitility.Awaitility.await;

import dev.atelier.cart.product.SellableVariants;
import dev.atelier.cart.product.Variant;
import dev.atelier.events.Money;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** catalog-service played through its events: products named after what they are, each with unique SKUs. */
public final class Catalog implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final EventPublisher publisher = EventPublisher.toSharedBroker();
    private final SellableVariants variants;

    public Catalog(SellableVariants variants) {
        this.variants = variants;
    }

    public static String uniqueSku(String stem) {
        return stem + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A published product with one variant, known to the cart once this returns. */
    public ProductPublished aPublishedProduct(String sku, String name, long price, String taxClass, long grams,
            List<String> categories, boolean personalisable) {
        ProductPublished published = new ProductPublished(UUID.randomUUID(), sku.toLowerCase(), name,
                List.of(new SellableVariant(sku, Money.gbp(price), grams, Map.of("size", "11oz"), null, false)),
                Instant.now(), "/media/" + sku.toLowerCase() + ".jpg", taxClass, categories, personalisable);
        publisher.publish(published);
        await("the cart knows " + sku).atMost(DEADLINE).until(() -> variants.find(sku).isPresent());
        return published;
    }

    public ProductPublished aPersonalisedMug(String sku, long price) {
        return aPublishedProduct(sku, "Personalised Christmas Mug", price, "STANDARD", 400, List.of("mugs", "gifts"),
                true);
    }

    public ProductPublished aPlainMug(String sku, long price) {
        return aPublishedProduct(sku, "Plain Mug", price, "STANDARD", 400, List.of("mugs"), false);
    }

    public ProductPublished aBook(String sku, long price) {
        return aPublishedProduct(sku, "A Book of Stories", price, "ZERO", 300, List.of("books"), false);
    }

    public void changePrice(ProductPublished product, long from, long to) {
        String sku = product.variants().getFirst().sku();
        publisher.publish(new PriceChanged(product.productId(), sku, Money.gbp(from), Money.gbp(to), Instant.now()));
        await("the new price of " + sku).atMost(DEADLINE)
                .until(() -> variants.find(sku).map(Variant::price).map(Money::minor).orElse(-1L) == to);
    }

    public void retire(ProductPublished product) {
        String sku = product.variants().getFirst().sku();
        publisher.publish(new ProductRetired(product.productId(), product.slug(), List.of(sku), Instant.now()));
        await("the retirement of " + sku).atMost(DEADLINE)
                .until(() -> variants.find(sku).map(Variant::retired).orElse(false));
    }

    @Override
    public void close() {
        publisher.close();
    }
}
