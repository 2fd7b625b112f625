package dev.atelier.catalog.sales;

import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderItemFulfilmentChanged;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.OrderRefunded;
import dev.atelier.events.order.OrderShipped;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.order.RefundRequested;
import dev.atelier.events.order.ReturnApproved;
import dev.atelier.events.order.ReturnReceived;
import dev.atelier.events.order.ReturnRequested;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts units sold per SKU and day when an order is paid (OrderConfirmed); the inbox makes a redelivered
 * confirmation count once.
 */
@Component
// OrderDelivered (and OrderConfirmed) also make reviews verified purchases: the review feature handles them
@IgnoredEvents({OrderPlaced.class, PaymentRequested.class, OrderCancelled.class, OrderShipped.class,
        OrderItemFulfilmentChanged.class, OrderRefunded.class, RefundRequested.class, ReturnApproved.class,
        ReturnReceived.class, ReturnRequested.class})
class SalesHandlers {

    private final JdbcClient jdbc;
    private final RenderedReads reads;

    SalesHandlers(JdbcClient jdbc, RenderedReads reads) {
        this.jdbc = jdbc;
        this.reads = reads;
    }

    @EventHandler
    void on(OrderConfirmed order) {
        for (OrderLine line : order.lines()) {
            jdbc.sql("""
                    INSERT INTO sales_day (sku, day, quantity) VALUES (:sku, :day, :quantity)
                    ON CONFLICT (sku, day) DO UPDATE SET quantity = sales_day.quantity + excluded.quantity""")
                    .param("sku", line.sku())
                    .param("day", order.confirmedAt().atOffset(ZoneOffset.UTC).toLocalDate())
                    .param("quantity", line.quantity())
                    .update();
        }
        reads.sold(order.lines().stream().map(OrderLine::sku).toList());
    }
}
