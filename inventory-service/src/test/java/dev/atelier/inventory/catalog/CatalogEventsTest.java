package dev.atelier.inventory.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.events.catalog.BundleComponent;
import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.inventory.InventoryTest;
import dev.atelier.inventory.StockFixture;
import dev.atelier.inventory.bundle.Bundles;
import dev.atelier.inventory.stock.StockAdministration;
import dev.atelier.inventory.stock.Stock;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** catalog-service's events played on the topic: what can be sold exists in inventory, bundles as catalog says. */
@InventoryTest
class CatalogEventsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    Stock stock;

    @Autowired
    Bundles bundles;

    @Autowired
    StockAdministration administration;

    @Autowired
    JdbcTemplate jdbc;

    EventPublisher catalog;
    StockFixture fixture;

    @BeforeEach
    void setUp() {
        catalog = EventPublisher.toSharedBroker();
        fixture = new StockFixture(administration, jdbc);
    }

    @AfterEach
    void tearDown() {
        catalog.close();
    }

    private static SellableVariant variant(String sku) {
        return new SellableVariant(sku, Money.gbp(1299), 400, Map.of("size", "11oz"), null, false);
    }

    @Test
    void aPublishedSkuGetsAStockItemWithNothingOnHandOnce() {
        String mug = StockFixture.uniqueSku("MUG");
        String largeMug = StockFixture.uniqueSku("MUGL");
        UUID productId = UUID.randomUUID();
        ProductPublished published = new ProductPublished(productId, "christmas-mug", "Christmas mug",
                List.of(variant(mug)), Instant.now());

        UUID eventId = catalog.publish(published);
        Awaitility.await().atMost(DEADLINE).until(() -> stock.exists(mug));
        administration.receive(mug, 12, "test", "PO-1", null);
        catalog.publish(published, eventId);
        catalog.publish(new ProductUpdated(productId, "christmas-mug", "Christmas mug",
                List.of(variant(mug), variant(largeMug)), Instant.now()));
        Awaitility.await().atMost(DEADLINE).until(() -> stock.exists(largeMug));

        assertThat(fixture.onHand(mug)).isEqualTo(12);
        assertThat(fixture.onHand(largeMug)).isZero();
        assertThat(stock.find(largeMug).orElseThrow().reorderPoint()).isZero();
    }

    @Test
    void aBundleIsDefinedByCatalogAndHasNoStockOfItsOwn() {
        String notebook = StockFixture.uniqueSku("NOTEBOOK");
        String pen = StockFixture.uniqueSku("PEN");
        String giftSet = StockFixture.uniqueSku("GIFTSET");
        UUID setId = UUID.randomUUID();
        catalog.publish(new ProductPublished(UUID.randomUUID(), "writing", "Writing", List.of(variant(notebook)),
                Instant.now()));
        catalog.publish(new ProductPublished(setId, "writer-set", "Writer's set",
                List.of(new SellableVariant(giftSet, Money.gbp(3500), 900, Map.of(), null, true)), Instant.now()));
        // the pen's own ProductPublished has not arrived: the bundle's definition registers it
        catalog.publish(new BundleDefined(setId, giftSet, List.of(new BundleComponent(notebook, 1),
                new BundleComponent(pen, 2)), Instant.now()));

        Awaitility.await().atMost(DEADLINE).until(() -> !bundles.components(giftSet).isEmpty());
        catalog.publish(new BundleDefined(setId, giftSet, List.of(new BundleComponent(notebook, 1)), Instant.now()));
        Awaitility.await().atMost(DEADLINE).until(() -> bundles.components(giftSet).size() == 1);

        assertThat(stock.exists(giftSet)).isFalse();
        assertThat(stock.exists(pen)).isTrue();
        assertThat(bundles.components(giftSet)).containsExactly(new dev.atelier.inventory.bundle.BundleComponent(notebook, 1));
    }
}
