package dev.atelier.cart.abandonment;

import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.messaging.inbox.EventHandler;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * A customer who withdraws marketing consent gets no more abandoned-cart reminders: the address is unsubscribed as
 * if they had followed the link in a reminder. Granting consent again does not re-enable reminders that were
 * stopped: an unsubscribe stands until the shopper asks otherwise.
 */
@Component
class MarketingConsent {

    private final AbandonedCarts carts;
    private final Clock clock;

    MarketingConsent(AbandonedCarts carts, Clock clock) {
        this.carts = carts;
        this.clock = clock;
    }

    @EventHandler
    void on(MarketingConsentChanged change) {
        if (!change.granted()) {
            carts.unsubscribe(change.email(), clock.instant());
        }
    }
}
