package dev.atelier.order.checkout;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.cart.CouponReleased;
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.messaging.inbox.BatchLocking;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Before a poll of events is applied in one transaction, locks the rows of every order whose saga they move, in
 * PostgreSQL's order of their ids. Each saga step locks its order's row; two consumers applying two polls that hold
 * the same orders would otherwise take them in different orders and wait for each other in a circle. Kafka's default
 * range assignment gives partition k of every topic to one consumer, and an order's events are keyed by its id, so
 * that happens only with other assignments (a cooperative rebalance, topics of different partition counts); the
 * locks make it safe whatever the assignment. The same statement reads what the steps need of every order, so a
 * poll of sixteen orders' events pays one read, not sixteen ({@link Orders#lockAll}).
 */
@Component
class SagaBatchLocks implements BatchLocking {

    private final Orders orders;

    SagaBatchLocks(Orders orders) {
        this.orders = orders;
    }

    @Override
    public void lockFor(List<DomainEvent> events) {
        Set<UUID> ids = new HashSet<>();
        for (DomainEvent event : events) {
            UUID orderId = sagaOrderOf(event);
            if (orderId != null) {
                ids.add(orderId);
            }
        }
        if (!ids.isEmpty()) {
            orders.lockAll(ids);
        }
    }

    /** The order whose saga this event moves, for the events {@link SagaEventHandlers} hands to the saga. */
    static @Nullable UUID sagaOrderOf(DomainEvent event) {
        return switch (event) {
            case StockReserved e -> e.orderId();
            case StockRejected e -> e.orderId();
            case StockReleased e -> e.orderId();
            case StockCommitted e -> e.orderId();
            case StockCommitRefused e -> e.orderId();
            case CouponRedeemed e -> e.orderId();
            case CouponRejected e -> e.orderId();
            case CouponReleased e -> e.orderId();
            case PaymentSessionCreated e -> e.orderId();
            case PaymentSucceeded e -> e.orderId();
            case PaymentFailed e -> e.orderId();
            case PaymentRefunded e -> e.orderId();
            default -> null;
        };
    }
}
