package dev.atelier.notification.order;

import dev.atelier.events.order.OrderLine;
import dev.atelier.events.payment.GiftCardIssued;
import dev.atelier.events.payment.PaymentDisputed;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.EventMetadata;
import dev.atelier.messaging.inbox.IgnoredEvents;
import dev.atelier.notification.dispatch.Cause;
import dev.atelier.notification.dispatch.Dispatcher;
import dev.atelier.notification.email.Category;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Payment events mostly carry only the order's id: the e-mail address and order number come from the order read model.
 * When OrderPlaced has not arrived yet (another topic, another partition) the handler fails and the inbox retries
 * it with back-off, then dead-letters it with the reason.
 */
@Component
@IgnoredEvents({PaymentSessionCreated.class, PaymentSucceeded.class, PaymentDisputed.class})
class PaymentMailHandlers {

    private final OrderViews views;
    private final Dispatcher dispatcher;

    PaymentMailHandlers(OrderViews views, Dispatcher dispatcher) {
        this.views = views;
        this.dispatcher = dispatcher;
    }

    @EventHandler
    void on(PaymentFailed failed, EventMetadata metadata) {
        OrderSnapshot order = known(failed.orderId());
        // an order already cancelled for its failed payment told the shopper so
        if (dispatcher.alreadySentAbout(OrderMails.CANCELLED, failed.orderId())) {
            return;
        }
        dispatcher.send(OrderMails.paymentFailed(order.orderNumber(), failed.reason(),
                        dispatcher.templates().branding()),
                Category.TRANSACTIONAL, order.customerEmail(),
                Cause.ofOrder(failed.paymentId().toString(), order.orderId(), order.customerId(), metadata.eventId()));
    }

    @EventHandler
    void on(PaymentRefunded refunded, EventMetadata metadata) {
        OrderSnapshot order = known(refunded.orderId());
        dispatcher.send(OrderMails.refundIssued(order.orderNumber(), refunded.amount(), refunded.reason(),
                        refunded.refundedAt()),
                Category.TRANSACTIONAL, order.customerEmail(),
                Cause.ofOrder(refunded.paymentId() + ":" + refunded.refundedAt() + ":" + refunded.amount().minor(),
                        order.orderId(), order.customerId(), metadata.eventId()));
    }

    /**
     * A gift card bought as a product goes to the buyer (the event's address; it does not name a recipient), one
     * e-mail per card. The read model adds what the buyer wrote on the line when OrderPlaced was seen; the card is sent
     * without it rather than held back.
     */
    @EventHandler
    void on(GiftCardIssued issued, EventMetadata metadata) {
        Optional<OrderSnapshot> order = views.find(issued.orderId());
        OrderLine line = order.flatMap(o -> o.lines().stream().filter(l -> l.lineId().equals(issued.lineId()))
                .findFirst()).orElse(null);
        dispatcher.send(GiftCardMails.issued(issued, line, dispatcher.templates().branding()), Category.TRANSACTIONAL,
                issued.customerEmail(), Cause.ofOrder(issued.giftCardId().toString(), issued.orderId(),
                        order.map(OrderSnapshot::customerId).orElse(null), metadata.eventId()));
    }

    private OrderSnapshot known(UUID orderId) {
        return views.find(orderId).orElseThrow(() -> new IllegalStateException(
                "no OrderPlaced seen yet for order " + orderId + ": its e-mail address is unknown"));
    }
}
