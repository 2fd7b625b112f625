package dev.atelier.cart.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.cart.Catalog;
import dev.atelier.cart.CartTest;
import dev.atelier.events.Money;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The cart's copy of what can be sold follows catalog's events (and inventory's stock levels). */
@CartTest
class ReadModelTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    SellableVariants variants;

    final EventPublisher publisher = EventPublisher.toSharedBroker();

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void keepsWhatALineSnapshotAndPricingNeedFromAPublishedProduct() {
        try (Catalog catalog = new Catalog(variants)) {
            String sku = Catalog.uniqueSku("MUG");
            ProductPublished product = catalog.aPersonalisedMug(sku, 1499);

            Variant variant = variants.find(sku).orElseThrow();
            assertThat(variant.productId()).isEqualTo(product.productId());
            assertThat(variant.name()).isEqualTo("Personalised Christmas Mug");
            assertThat(variant.price()).isEqualTo(Money.gbp(1499));
            assertThat(variant.attributes()).containsEntry("size", "11oz");
            assertThat(variant.imageUrl()).isEqualTo("/media/" + sku.toLowerCase() + ".jpg");
            assertThat(variant.taxClass()).isEqualTo("STANDARD");
            assertThat(variant.categories()).containsExactly("mugs", "gifts");
            assertThat(variant.personalisable()).isTrue();
            assertThat(variant.weightGrams()).isEqualTo(400);
            assertThat(variant.retired()).isFalse();
            assertThat(variant.available()).isNull();
        }
    }

    @Test
    void retiresAVariantThatAnUpdateNoLongerListsAndIgnoresAnOlderPrice() {
        try (Catalog catalog = new Catalog(variants)) {
            String kept = Catalog.uniqueSku("KEPT");
            String dropped = Catalog.uniqueSku("DROPPED");
            Instant published = Instant.now().minusSeconds(60);
            ProductPublished product = new ProductPublished(java.util.UUID.randomUUID(), "two-mugs", "Two Mugs",
                    List.of(variant(kept, 1000), variant(dropped, 1200)), published, null, null, null, null);
            publisher.publish(product);
            await().atMost(DEADLINE).until(() -> variants.find(dropped).isPresent());

            publisher.publish(new ProductUpdated(product.productId(), "two-mugs", "Two Mugs (renamed)",
                    List.of(variant(kept, 1100)), published.plusSeconds(10)));
            // a price change that happened before the update arrives late: it must not win
            publisher.publish(new PriceChanged(product.productId(), kept, Money.gbp(1000), Money.gbp(900),
                    published.plusSeconds(5)));
            publisher.publish(new StockLevelChanged(kept, 7, 2, 5));

            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThat(variants.find(dropped).orElseThrow().retired()).isTrue();
                assertThat(variants.find(kept).orElseThrow().available()).isEqualTo(5);
            });
            Variant current = variants.find(kept).orElseThrow();
            assertThat(current.name()).isEqualTo("Two Mugs (renamed)");
            assertThat(current.price()).isEqualTo(Money.gbp(1100));
            assertThat(current.taxClass()).as("no tax class in the event: standard").isEqualTo("STANDARD");
            assertThat(current.retired()).isFalse();
        }
    }

    private static SellableVariant variant(String sku, long price) {
        return new SellableVariant(sku, Money.gbp(price), 350, Map.of("colour", "white"), null, false);
    }
}
