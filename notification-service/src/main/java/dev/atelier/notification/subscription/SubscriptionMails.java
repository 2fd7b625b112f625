package dev.atelier.notification.subscription;

import dev.atelier.notification.template.Branding;
import dev.atelier.notification.template.Mail;
import java.time.Duration;
import java.util.Map;

/** The double opt-in's confirmation e-mail: what the guest asked for, the link, and how long it works. */
final class SubscriptionMails {

    static final String CONFIRMATION = "subscription-confirmation";

    private SubscriptionMails() {
    }

    static Mail confirmation(String confirmUrl, Duration validFor, Branding brand) {
        return new Mail(CONFIRMATION, "Confirm your subscription to " + brand.storeName(),
                "One click and you will hear about new designs and offers.",
                Map.of("confirmUrl", confirmUrl, "validHours", validFor.toHours()), null);
    }
}
