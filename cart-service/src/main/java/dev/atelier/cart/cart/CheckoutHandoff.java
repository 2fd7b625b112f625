package dev.atelier.cart.cart;

import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.events.catalog.SellableVariant;
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
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cart's side of checkout: an order placed for a cart closes it (the shopper's next add starts a new one); an
 * order cancelled before any payment reopens it, so the shopper keeps the lines; a paid order makes it final.
 * A catalog change to a SKU in an open cart bumps that cart's version, since its priced view changed.
 */
@Component
@IgnoredEvents({PaymentRequested.class, OrderShipped.class, OrderDelivered.class, OrderItemFulfilmentChanged.class,
        OrderRefunded.class, RefundRequested.class, ReturnApproved.class, ReturnReceived.class, ReturnRequested.class})
class CheckoutHandoff {

    private static final Logger log = LoggerFactory.getLogger(CheckoutHandoff.class);

    private final Carts carts;
    private final CartMerge merge;
    private final Clock clock;

    CheckoutHandoff(Carts carts, CartMerge merge, Clock clock) {
        this.carts = carts;
        this.merge = merge;
        this.clock = clock;
    }

    @EventHandler
    void on(OrderPlaced order) {
        if (order.cartId() == null) {
            return;
        }
        if (!carts.checkOut(order.cartId(), order.orderId(), clock.instant())) {
            log.info("Order {} names cart {}, which is not open: nothing to close", order.orderId(), order.cartId());
        }
    }

    @EventHandler
    void on(OrderCancelled order) {
        if (order.cartId() == null || Boolean.TRUE.equals(order.paymentTaken())) {
            return;
        }
        Optional<Cart> cart = carts.lock(order.cartId())
                .filter(c -> c.status() == CartStatus.CHECKED_OUT && order.orderId().equals(c.orderId()));
        if (cart.isEmpty()) {
            log.info("Order {} was cancelled; its cart {} is not checked out for it: nothing to reopen",
                    order.orderId(), order.cartId());
            return;
        }
        Optional<UUID> newer = cart.get().customerId() == null ? Optional.empty()
                : carts.openCartOf(cart.get().customerId());
        if (newer.isPresent()) {
            // the shopper started another cart meanwhile: the cancelled order's lines join it
            Cart target = carts.lockOpen(newer.get()).orElseThrow();
            merge.moveLines(cart.get(), target, clock.instant());
            carts.markMerged(cart.get().id(), clock.instant());
            carts.touch(target.id(), clock.instant());
            return;
        }
        carts.reopen(order.cartId(), order.orderId(), clock.instant());
    }

    @EventHandler
    void on(OrderConfirmed order) {
        if (order.cartId() != null) {
            carts.markOrdered(order.cartId(), order.orderId());
        }
    }

    @EventHandler
    void on(PriceChanged event) {
        carts.bumpVersionsHolding(List.of(event.sku()));
    }

    @EventHandler
    void on(ProductRetired event) {
        carts.bumpVersionsHolding(event.skus());
    }

    @EventHandler
    void on(ProductUpdated event) {
        carts.bumpVersionsHolding(event.variants().stream().map(SellableVariant::sku).toList());
    }
}
