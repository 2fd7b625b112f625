package dev.atelier.inventory.reservation;

import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import org.springframework.stereotype.Component;

/** The checkout saga's events that move stock. */
@Component
@IgnoredEvents(PaymentRequested.class)
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
