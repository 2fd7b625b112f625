package dev.atelier.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.events.Topics;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.inventory.InventoryTest;
import dev.atelier.inventory.StockFixture;
import dev.atelier.testing.EventProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * StockLevelChanged under a stream of changes: fewer announcements than changes, never figures out of order, and the
 * last announcement equal to the SKU's figures, while the scheduled announcer and two more (standing in for other
 * replicas) race the changes.
 */
@InventoryTest
class StockLevelAnnouncementTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int WRITERS = 4;
    private static final int RECEIPTS_EACH = 25;

    @Autowired
    StockAdministration administration;

    @Autowired
    StockLevelAnnouncer announcer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void announcesABusySkuFewerTimesThanItChangesAndEndsOnItsFigures() throws Exception {
        String sku = new StockFixture(administration, jdbc).aSkuWith("BUSY", 0);
        int receipts = WRITERS * RECEIPTS_EACH;
        try (EventProbe stockEvents = EventProbe.on(Topics.INVENTORY_STOCK);
                ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 2)) {
            AtomicBoolean receiving = new AtomicBoolean(true);
            List<Future<?>> otherReplicas = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                otherReplicas.add(threads.submit(() -> {
                    while (receiving.get()) {
                        announcer.announceBatch();
                    }
                    return null;
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(threads.submit(() -> {
                    for (int n = 0; n < RECEIPTS_EACH; n++) {
                        administration.receive(sku, 1, "test", "DELIVERY", null);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            receiving.set(false);
            for (Future<?> replica : otherReplicas) {
                replica.get();
            }

            stockEvents.awaitEvent(StockLevelChanged.class, e -> e.sku().equals(sku) && e.onHand() == receipts,
                    DEADLINE);
            await("the SKU is no longer due").atMost(DEADLINE).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM stock_level_due WHERE sku = ?", Long.class, sku) == 0);
            List<Long> announced = stockEvents.events(StockLevelChanged.class).stream()
                    .filter(e -> e.sku().equals(sku)).map(StockLevelChanged::onHand).toList();
            assertThat(announced).hasSizeLessThan(receipts).isSorted().doesNotHaveDuplicates().endsWith((long) receipts);
            assertThat(stockEvents.events(StockLevelChanged.class)).filteredOn(e -> e.sku().equals(sku)).last()
                    .isEqualTo(new StockLevelChanged(sku, receipts, 0, receipts));
        }
    }
}
