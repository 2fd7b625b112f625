package dev.atelier.inventory.stock;

import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.messaging.outbox.Outbox;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes StockLevelChanged for the SKUs whose figures changed since they were last announced, with their figures
 * as they are now: the last figures announced for a SKU are always its current ones, a moment later, and a read model
 * built from the events ends equal to this service's figures. A busy SKU is announced once per interval instead of
 * once per transaction, which on the checkout's hot path was 1.6 events per order for catalog and cart to apply.
 * <p>
 * The marked SKUs' stock rows are locked before their marks are taken off, so every change to them has committed and
 * is read here; a change that comes after waits for the lock and marks its SKU again. Rows a transaction holds at
 * this moment are skipped (their marks stay for the next run), so the announcer never waits for the checkout nor
 * makes it wait longer than its own short transaction. Several replicas may run this at once: a mark is taken off by
 * one of them only, and only the replica that took it announces the SKU.
 */
@Component
class StockLevelAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(StockLevelAnnouncer.class);

    private final JdbcTemplate jdbc;
    private final StockItems items;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final StockLevelProperties properties;

    StockLevelAnnouncer(JdbcTemplate jdbc, StockItems items, Outbox outbox, TransactionTemplate transactions,
            StockLevelProperties properties) {
        this.jdbc = jdbc;
        this.items = items;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${atelier.stock-levels.interval:250ms}")
    void announceDue() {
        Batch batch;
        do {
            batch = announceBatch();
        } while (batch.due() == properties.batchSize() && batch.announced() > 0);
    }

    /** How many SKUs a batch found due, and how many of them it announced (the others were busy). */
    record Batch(int due, int announced) {
    }

    /** Announces up to a batch of due SKUs, those whose stock rows no transaction holds at this moment. */
    Batch announceBatch() {
        List<String> due = jdbc.queryForList("SELECT sku FROM stock_level_due WHERE location = ? ORDER BY sku LIMIT ?",
                String.class, StockItems.LOCATION, properties.batchSize());
        if (due.isEmpty()) {
            return new Batch(0, 0);
        }
        Integer announced = transactions.execute(status -> {
            List<StockFigures> figures = items.lockUnlessBusy(due);
            if (figures.isEmpty()) {
                return 0;
            }
            Set<String> taken = new HashSet<>(jdbc.query(connection -> {
                var delete = connection.prepareStatement(
                        "DELETE FROM stock_level_due WHERE location = ? AND sku = ANY(?) RETURNING sku");
                delete.setString(1, StockItems.LOCATION);
                delete.setArray(2, connection.createArrayOf("text", figures.stream().map(StockFigures::sku).toArray()));
                return delete;
            }, (rs, row) -> rs.getString(1)));
            int count = 0;
            for (StockFigures sku : figures) {
                if (taken.contains(sku.sku())) {
                    outbox.record(new StockLevelChanged(sku.sku(), sku.onHand(), sku.reserved(), sku.available()));
                    count++;
                }
            }
            return count;
        });
        int count = announced == null ? 0 : announced;
        log.debug("Announced the stock levels of {} of {} due SKU(s)", count, due.size());
        return new Batch(due.size(), count);
    }
}
