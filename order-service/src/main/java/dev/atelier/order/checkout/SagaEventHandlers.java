package dev.atelier.order.checkout;

import dev.atelier.events.cart.CartAbandoned;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.cart.CouponReleased;
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.payment.GiftCardIssued;
import dev.atelier.events.payment.PaymentDisputed;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.EventMetadata;
import dev.atelier.messaging.inbox.IgnoredEvents;
import org.springframework.stereotype.Component;

/** The answers of inventory, cart and payment, each handed to the saga of its order. */
@Component
@IgnoredEvents({CartAbandoned.class, PaymentDisputed.class, GiftCardIssued.class})
class SagaEventHandlers {

    private final SagaCoordinator coordinator;

    SagaEventHandlers(SagaCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @EventHandler
    void on(StockReserved event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(StockRejected event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(StockReleased event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(StockCommitted event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(StockCommitRefused event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(CouponRedeemed event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(CouponRejected event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(CouponReleased event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(PaymentSessionCreated event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(PaymentSucceeded event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(PaymentFailed event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }

    @EventHandler
    void on(PaymentRefunded event, EventMetadata metadata) {
        coordinator.onEvent(event.orderId(), event, metadata.eventId());
    }
}
