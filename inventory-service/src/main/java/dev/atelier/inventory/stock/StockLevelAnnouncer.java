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
 * The SKUs' stock rows are locked (in SKU order, as every stock transaction locks them) before their marks are taken
 * off, so a change is either already committed and read here, or waits and marks its SKU again. Several replicas may
 * run this at once: a mark is taken off by one of them only, and only the replica that took it announces the SKU.
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
        int found;
        do {
            found = announceBatch();
        } while (found == properties.batchSize());
    }

    /** Announces up to a batch of due SKUs; returns how many were due. */
    int announceBatch() {
        List<String> due = jdbc.queryForList("SELECT sku FROM stock_level_due WHERE location = ? ORDER BY sku LIMIT ?",
                String.class, StockItems.LOCATION, properties.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        Integer announced = transactions.execute(status -> {
            List<StockFigures> figures = items.lock(due);
            Set<String> taken = new HashSet<>(jdbc.query(connection -> {
                var delete = connection.prepareStatement(
                        "DELETE FROM stock_level_due WHERE location = ? AND sku = ANY(?) RETURNING sku");
                delete.setString(1, StockItems.LOCATION);
                delete.setArray(2, connection.createArrayOf("text", due.toArray()));
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
        log.debug("Announced the stock levels of {} of {} due SKU(s)", announced, due.size());
        return due.size();
    }
}
