package dev.atelier.customer.consent;

import dev.atelier.events.notification.EmailSubscriptionConfirmed;
import dev.atelier.events.notification.EmailUnsubscribed;
import dev.atelier.messaging.inbox.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Consent answers given at notification-service reach the account's history: an unsubscribe withdraws, a confirmed
 * double opt-in grants, when the address is an account's. A real change is published as MarketingConsentChanged, which
 * notification takes in without answering (it publishes only answers given on its own pages), so nothing echoes. A
 * redelivery is stopped by the inbox, and a repeat of the answer in force changes nothing.
 */
@Component
class NotificationConsentHandlers {

    private static final Logger log = LoggerFactory.getLogger(NotificationConsentHandlers.class);

    private final Consents consents;

    NotificationConsentHandlers(Consents consents) {
        this.consents = consents;
    }

    @EventHandler
    void on(EmailUnsubscribed unsubscribed) {
        if (consents.answeredAtNotification(unsubscribed.email(), false, Consents.NOTIFICATION_UNSUBSCRIBE,
                unsubscribed.unsubscribedAt())) {
            log.info("An account's marketing consent was withdrawn by an unsubscribe at notification-service");
        }
    }

    @EventHandler
    void on(EmailSubscriptionConfirmed confirmed) {
        if (consents.answeredAtNotification(confirmed.email(), true, Consents.NOTIFICATION_DOUBLE_OPT_IN,
                confirmed.confirmedAt())) {
            log.info("An account's marketing consent was given by double opt-in at notification-service");
        }
    }
}
