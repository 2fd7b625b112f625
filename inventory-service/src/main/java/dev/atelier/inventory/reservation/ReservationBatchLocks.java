package dev.atelier.inventory.reservation;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.inventory.bundle.Bundles;
import dev.atelier.inventory.stock.Stock;
import dev.atelier.messaging.inbox.BatchLocking;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Before a poll of saga events is applied in one transaction, locks what its handlers will lock, in the one order
 * every path of this service follows: the orders' reservation rows (by order id), then the SKUs (by SKU). Two
 * consumers, or a consumer and the expiry job, then never wait for each other in a circle.
 */
@Component
class ReservationBatchLocks implements BatchLocking {

    private final Reservations reservations;
    private final Stock stock;
    private final Bundles bundles;

    ReservationBatchLocks(Reservations reservations, Stock stock, Bundles bundles) {
        this.reservations = reservations;
        this.stock = stock;
        this.bundles = bundles;
    }

    @Override
    public void lockFor(List<DomainEvent> events) {
        SortedSet<UUID> orders = new TreeSet<>();
        SortedSet<String> skus = new TreeSet<>();
        for (DomainEvent event : events) {
            switch (event) {
                case OrderPlaced placed -> {
                    orders.add(placed.orderId());
                    for (OrderLine line : placed.lines()) {
                        skus.addAll(bundles.expand(Map.of(line.sku(), Math.max(1, line.quantity()))).keySet());
                    }
                }
                case OrderConfirmed confirmed -> orders.add(confirmed.orderId());
                case OrderCancelled cancelled -> orders.add(cancelled.orderId());
                default -> {
                }
            }
        }
        if (orders.isEmpty()) {
            return;
        }
        reservations.lockAll(orders);
        skus.addAll(reservations.skusOf(orders));
        if (!skus.isEmpty()) {
            stock.lockInSkuOrder(skus);
        }
    }
}
