package dev.atelier.inventory.stock;

import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.messaging.outbox.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Collects the stock changes of the current transaction and, just before it commits, marks the SKUs whose figures
 * changed (any of on hand, reserved, available) as due for a StockLevelChanged, which {@link StockLevelAnnouncer}
 * publishes at most once per interval with the figures of that moment; and records LowStockDetected at once when
 * available crossed the reorder point downward. A transaction that reserves for a hundred orders on one SKU marks it
 * once, and a SKU that sells fifty times a second is announced a few times a second, not fifty.
 */
@Component
class StockEvents {

    private final Outbox outbox;
    private final JdbcTemplate jdbc;

    StockEvents(Outbox outbox, JdbcTemplate jdbc) {
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    private record Span(StockFigures first, StockFigures last) {
    }

    void changed(StockFigures before, StockFigures after) {
        pending().merge(after.sku(), new Span(before, after), (earlier, later) -> new Span(earlier.first(), later.last()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Span> pending() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (Map<String, Span>) bound;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("stock changes need a transaction");
        }
        Map<String, Span> spans = new LinkedHashMap<>();
        TransactionSynchronizationManager.bindResource(this, spans);
        outbox.beforeWrite(() -> publish(spans.values()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(StockEvents.this);
            }
        });
        return spans;
    }

    private void publish(Iterable<Span> spans) {
        List<String> due = new ArrayList<>();
        for (Span span : spans) {
            StockFigures first = span.first();
            StockFigures last = span.last();
            if (first.onHand() != last.onHand() || first.reserved() != last.reserved()) {
                due.add(last.sku());
            }
            if (!first.isLow() && last.isLow()) {
                outbox.record(new LowStockDetected(last.sku(), last.onHand(), last.reserved(), last.available(),
                        last.reorderPoint(), last.reorderQuantity()));
            }
        }
        if (!due.isEmpty()) {
            // this transaction holds the SKUs' stock rows, so the announcer cannot be taking them off meanwhile
            jdbc.update(connection -> {
                var insert = connection.prepareStatement("""
                        INSERT INTO stock_level_due (sku, location) SELECT unnest(?::text[]), ?
                        ON CONFLICT DO NOTHING""");
                insert.setArray(1, connection.createArrayOf("text", due.toArray()));
                insert.setString(2, StockItems.LOCATION);
                return insert;
            });
        }
    }
}
