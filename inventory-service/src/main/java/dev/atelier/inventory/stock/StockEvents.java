package dev.atelier.inventory.stock;

import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.messaging.outbox.Outbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Collects the stock changes of the current transaction and, just before it commits, records one
 * StockLevelChanged per SKU whose figures changed (any of on hand, reserved, available: a read model built from
 * the events then equals this service's figures), and LowStockDetected when available crossed the reorder
 * point downward. A transaction that reserves for a hundred orders on one SKU says so once.
 */
@Component
class StockEvents {

    private final Outbox outbox;

    StockEvents(Outbox outbox) {
        this.outbox = outbox;
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
        outbox.beforeWrite(() -> spans.values().forEach(this::publish));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(StockEvents.this);
            }
        });
        return spans;
    }

    private void publish(Span span) {
        StockFigures first = span.first();
        StockFigures last = span.last();
        if (first.onHand() != last.onHand() || first.reserved() != last.reserved()
                || first.available() != last.available()) {
            outbox.record(new StockLevelChanged(last.sku(), last.onHand(), last.reserved(), last.available()));
        }
        if (!first.isLow() && last.isLow()) {
            outbox.record(new LowStockDetected(last.sku(), last.onHand(), last.reserved(), last.available(),
                    last.reorderPoint(), last.reorderQuantity()));
        }
    }
}
