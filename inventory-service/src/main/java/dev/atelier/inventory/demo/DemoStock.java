package dev.atelier.inventory.demo;

import dev.atelier.inventory.bundle.BundleComponent;
import dev.atelier.inventory.bundle.Bundles;
import dev.atelier.inventory.stock.StockAdministration;
import dev.atelier.inventory.stock.StockItems;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Demo stock for the local store ({@code ./atelier up} runs the {@code local} profile, which sets
 * {@code atelier.demo.seed}). Seeds each SKU once, through the same ledgered receipts staff use, so a restart
 * keeps whatever the demo sold.
 */
@Component
@ConditionalOnBooleanProperty("atelier.demo.seed")
class DemoStock implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoStock.class);

    record DemoSku(String sku, long onHand, long reorderPoint, long reorderQuantity) {
    }

    static final List<DemoSku> SKUS = List.of(
            new DemoSku("MUG-XMAS-001", 100, 20, 100),
            new DemoSku("SWITCH-REFURB-001", 10, 2, 5),
            new DemoSku("NOTEBOOK-A5-LEATHER", 40, 10, 40),
            new DemoSku("PEN-BRASS-001", 60, 15, 60),
            new DemoSku("CANDLE-SOY-001", 25, 8, 24),
            new DemoSku("TOTE-CANVAS-001", 35, 10, 30));

    static final String GIFT_SET = "GIFTSET-WRITER";

    private final StockAdministration administration;
    private final StockItems stock;
    private final Bundles bundles;

    DemoStock(StockAdministration administration, StockItems stock, Bundles bundles) {
        this.administration = administration;
        this.stock = stock;
        this.bundles = bundles;
    }

    @Override
    public void run(ApplicationArguments args) {
        int seeded = 0;
        for (DemoSku demo : SKUS) {
            if (!stock.exists(demo.sku())) {
                administration.register(demo.sku(), demo.reorderPoint(), demo.reorderQuantity());
                administration.receive(demo.sku(), demo.onHand(), "demo-seed", "DEMO", "opening stock");
                seeded++;
            }
        }
        if (bundles.components(GIFT_SET).isEmpty()) {
            bundles.define(GIFT_SET, List.of(new BundleComponent("NOTEBOOK-A5-LEATHER", 1),
                    new BundleComponent("PEN-BRASS-001", 1)));
        }
        log.info("Demo stock: {} SKU(s) seeded, {} present", seeded, SKUS.size());
    }
}
