package dev.atelier.notification.order;

import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderDelivered;
import dev.atelier.events.order.OrderItemFulfilmentChanged;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.OrderRefunded;
import dev.atelier.events.order.OrderShipped;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.order.RefundRequested;
import dev.atelier.events.order.ReturnApproved;
import dev.atelier.events.order.ReturnLine;
import dev.atelier.events.order.ReturnReceived;
import dev.atelier.events.order.ReturnRequested;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.EventMetadata;
import dev.atelier.messaging.inbox.IgnoredEvents;
import dev.atelier.notification.dispatch.Cause;
import dev.atelier.notification.dispatch.Dispatcher;
import dev.atelier.notification.email.Category;
import dev.atelier.notification.template.MailLine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The order's events: OrderPlaced feeds the read model, the others mail the shopper. Each runs in the inbox's
 * transaction, so the e-mail is logged exactly when the event is marked as handled.
 */
@Component
@IgnoredEvents({PaymentRequested.class, OrderItemFulfilmentChanged.class, OrderRefunded.class, RefundRequested.class,
        ReturnReceived.class, ReturnRequested.class})
class OrderMailHandlers {

    private final OrderViews views;
    private final Dispatcher dispatcher;

    OrderMailHandlers(OrderViews views, Dispatcher dispatcher) {
        this.views = views;
        this.dispatcher = dispatcher;
    }

    @EventHandler
    void on(OrderPlaced order) {
        views.remember(OrderSnapshot.of(order));
    }

    @EventHandler
    void on(OrderConfirmed confirmed, EventMetadata metadata) {
        OrderSnapshot order = OrderSnapshot.of(confirmed, views.find(confirmed.orderId()).orElse(null));
        views.remember(order);
        dispatcher.send(OrderMails.confirmation(order), Category.TRANSACTIONAL, order.customerEmail(),
                Cause.ofOrder(order.orderId().toString(), order.orderId(), order.customerId(), metadata.eventId()));
    }

    @EventHandler
    void on(OrderCancelled cancelled, EventMetadata metadata) {
        Optional<OrderSnapshot> order = views.find(cancelled.orderId());
        String email = cancelled.customerEmail() != null ? cancelled.customerEmail()
                : order.map(OrderSnapshot::customerEmail).orElseThrow(() -> new IllegalStateException(
                        "OrderCancelled without an e-mail for order " + cancelled.orderId()
                                + ", and no OrderPlaced seen yet to take it from"));
        // the shopper already heard that the payment failed: a second e-mail would say the same thing
        if ("PAYMENT_FAILED".equals(cancelled.reason())
                && dispatcher.alreadySentAbout(OrderMails.PAYMENT_FAILED, cancelled.orderId())) {
            return;
        }
        dispatcher.send(OrderMails.cancelled(cancelled.orderNumber(), cancelled.reason(), cancelled.paymentTaken()),
                Category.TRANSACTIONAL, email, Cause.ofOrder(cancelled.orderId().toString(), cancelled.orderId(),
                        order.map(OrderSnapshot::customerId).orElse(null), metadata.eventId()));
    }

    @EventHandler
    void on(OrderShipped shipped, EventMetadata metadata) {
        Optional<OrderSnapshot> order = views.find(shipped.orderId());
        Set<UUID> inParcel = Set.copyOf(shipped.lineIds());
        List<OrderLine> lines = order.map(o -> o.lines().stream().filter(l -> inParcel.contains(l.lineId())).toList())
                .orElse(List.of());
        dispatcher.send(OrderMails.shipped(shipped.orderNumber(), shipped.carrier(), shipped.trackingNumber(),
                        shipped.trackingUrl(), lines, shipped.complete()),
                Category.TRANSACTIONAL, shipped.customerEmail(),
                Cause.ofOrder(shipped.orderId() + ":" + shipped.trackingNumber(), shipped.orderId(),
                        order.map(OrderSnapshot::customerId).orElse(null), metadata.eventId()));
    }

    @EventHandler
    void on(OrderDelivered delivered, EventMetadata metadata) {
        Optional<OrderSnapshot> order = views.find(delivered.orderId());
        List<String> names = order.map(o -> o.lines().stream().map(l -> l.name() != null ? l.name() : l.sku())
                .distinct().toList()).orElse(delivered.skus());
        dispatcher.send(OrderMails.delivered(delivered.orderNumber(), delivered.orderId(), names,
                        dispatcher.templates().branding()),
                Category.TRANSACTIONAL, delivered.customerEmail(),
                Cause.ofOrder(delivered.orderId().toString(), delivered.orderId(), delivered.customerId(),
                        metadata.eventId()));
    }

    @EventHandler
    void on(ReturnApproved approved, EventMetadata metadata) {
        Optional<OrderSnapshot> order = views.find(approved.orderId());
        List<MailLine> lines = approved.lines().stream().map(l -> returnedLine(l, order)).toList();
        dispatcher.send(OrderMails.returnApproved(approved.orderNumber(), lines, approved.refundAmount(),
                        approved.returnBy(), approved.returnAddress(), dispatcher.templates().branding()),
                Category.TRANSACTIONAL, approved.customerEmail(),
                Cause.ofOrder(approved.returnId().toString(), approved.orderId(), approved.customerId() != null
                        ? approved.customerId() : order.map(OrderSnapshot::customerId).orElse(null),
                        metadata.eventId()));
    }

    // the returned units of a line as bought (name, personalisation, image), from the read model when it knows them
    private static MailLine returnedLine(ReturnLine returned, Optional<OrderSnapshot> order) {
        MailLine line = order.flatMap(o -> o.lines().stream().filter(l -> l.lineId().equals(returned.lineId())).findFirst())
                .map(bought -> MailLine.of(bought.name() != null ? bought.name() : bought.sku(), bought.attributes(),
                        returned.quantity(), bought.unitPrice().times(returned.quantity()), bought.imageUrl(),
                        bought.personalisation(), bought.personalisationLabels()))
                .orElseGet(() -> MailLine.of(returned.sku(), null, returned.quantity(), null, null, Map.of(),
                        null));
        return returned.reason() == null || returned.reason().isBlank() ? line
                : line.withNote("Your reason: " + returned.reason().strip());
    }
}
