package dev.atelier.notification.consent;

import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.messaging.inbox.EventHandler;
import org.springframework.stereotype.Component;

/** customer-service's consent answers for account holders, kept per address (the latest {@code changedAt} wins). */
@Component
class ConsentHandlers {

    private final Consents consents;

    ConsentHandlers(Consents consents) {
        this.consents = consents;
    }

    @EventHandler
    void on(MarketingConsentChanged change) {
        consents.record(change.email(), change.granted(), change.source(), change.customerId(), change.changedAt());
    }
}
