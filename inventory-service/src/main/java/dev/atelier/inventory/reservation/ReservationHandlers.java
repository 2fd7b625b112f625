package dev.atelier.inventory.reservation;

import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderDelivered;
import dev.atelier.events.order.OrderItemFulfilmentChanged;
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
import org.springframework.stereotype.Component;

/** The checkout saga's events that move stock. */
@Component
@IgnoredEvents({PaymentRequested.class, OrderDelivered.class, OrderItemFulfilmentChanged.class, OrderRefunded.class,
        OrderShipped.class, RefundRequested.class, ReturnApproved.class, ReturnReceived.class, ReturnRequested.class})
class ReservationHandlers {

    private final ReservationDesk desk;

    ReservationHandlers(ReservationDesk desk) {
        this.desk = desk;
    }

    @EventHandler
    void on(OrderPlaced order) {
        desk.reserve(order.orderId(), order.lines());
    }

    @EventHandler
    void on(OrderConfirmed order) {
        desk.commit(order.orderId());
    }

    @EventHandler
    void on(OrderCancelled order) {
        desk.release(order.orderId(), order.reason());
    }
}
