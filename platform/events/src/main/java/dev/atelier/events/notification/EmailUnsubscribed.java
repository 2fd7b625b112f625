package dev.atelier.events.notification;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The holder of {@code email} withdrew marketing consent at notification-service, without signing in: the
 * unsubscribe link or a mail client's RFC 8058 one-click POST ({@code source} {@code one-click-unsubscribe}).
 * customer-service records the withdrawal in the account's consent history when the address belongs to an account
 * ({@code customerId} when notification knows it, else found by the address). It covers all marketing e-mail: there is
 * one list. Keyed by the lower-cased address, so that one address's answers stay in order.
 */
@EventContract(name = "EmailUnsubscribed", version = 1, topic = Topics.NOTIFICATION_CONSENT)
public record EmailUnsubscribed(String email, @Nullable UUID customerId, String source, Instant unsubscribedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
