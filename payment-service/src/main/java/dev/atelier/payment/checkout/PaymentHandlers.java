package dev.atelier.payment.checkout;

import dev.atelier.events.order.OrderCancelled;
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
import dev.atelier.payment.provider.PaymentProvider;
import dev.atelier.payment.provider.PaymentProviders;
import org.springframework.stereotype.Component;

/**
 * The checkout saga's events that concern payments: open a session when asked, close it (or refund) on cancellation.
 * OrderConfirmed is handled by the gift-card feature (cards bought as a product).
 */
@Component
@IgnoredEvents({OrderPlaced.class, OrderShipped.class, OrderDelivered.class, OrderItemFulfilmentChanged.class,
        OrderRefunded.class, RefundRequested.class, ReturnApproved.class, ReturnReceived.class, ReturnRequested.class})
class PaymentHandlers {

    private final SessionOpening opening;
    private final PaymentOutcomes outcomes;
    private final PaymentProviders providers;
    private final PaymentTasks tasks;

    PaymentHandlers(SessionOpening opening, PaymentOutcomes outcomes, PaymentProviders providers, PaymentTasks tasks) {
        this.opening = opening;
        this.outcomes = outcomes;
        this.providers = providers;
        this.tasks = tasks;
    }

    @EventHandler
    void on(PaymentRequested request) {
        opening.requested(request);
    }

    @EventHandler
    void on(OrderCancelled cancelled) {
        outcomes.orderCancelled(cancelled.orderId()).ifPresent(payment -> {
            PaymentProvider provider = providers.named(payment.provider());
            String sessionId = payment.sessionId();
            if (sessionId == null) {
                return;
            }
            if (provider.local()) {
                provider.expireSession(sessionId);
            } else {
                tasks.afterCommit("expiring session " + sessionId, () -> provider.expireSession(sessionId));
            }
        });
    }
}
