package dev.atelier.notification;

import dev.atelier.events.customer.MarketingConsentChanged;
import java.time.Instant;
import java.util.UUID;

/** customer-service's consent answers for an account holder's address. */
public final class ConsentEvents {

    private ConsentEvents() {
    }

    public static MarketingConsentChanged consentGranted(String email) {
        return new MarketingConsentChanged(UUID.randomUUID(), email, true, "account", Instant.now());
    }

    public static MarketingConsentChanged consentChanged(String email, boolean granted, Instant changedAt) {
        return new MarketingConsentChanged(UUID.randomUUID(), email, granted, "account",
                changedAt);
    }
}
