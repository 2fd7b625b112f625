package dev.atelier.notification.cart;

import dev.atelier.events.cart.CartAbandoned;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.cart.CouponReleased;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.EventMetadata;
import dev.atelier.messaging.inbox.IgnoredEvents;
import dev.atelier.notification.dispatch.Cause;
import dev.atelier.notification.dispatch.Dispatcher;
import dev.atelier.notification.email.Category;
import org.springframework.stereotype.Component;

/**
 * CartAbandoned steps become marketing mail: logged as SUPPRESSED instead of queued when the address unsubscribed,
 * and each step of a cart at most once.
 */
@Component
@IgnoredEvents({CouponRedeemed.class, CouponRejected.class, CouponReleased.class})
class CartRecoveryHandlers {

    private final Dispatcher dispatcher;

    CartRecoveryHandlers(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @EventHandler
    void on(CartAbandoned cart, EventMetadata metadata) {
        dispatcher.send(CartRecoveryMails.of(cart, dispatcher.templates().branding()), Category.MARKETING,
                cart.customerEmail(), new Cause(cart.cartId().toString(), null, cart.cartId(), cart.customerId(),
                        metadata.eventId()));
    }
}
