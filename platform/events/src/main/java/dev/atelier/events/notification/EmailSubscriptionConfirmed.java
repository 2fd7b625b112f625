package dev.atelier.events.notification;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The holder of {@code email} gave marketing consent at notification-service by double opt-in (asked as a guest, then
 * clicked the confirmation link: {@code source} {@code double-opt-in}). customer-service records the consent in the
 * account's history when the address belongs to an account. Keyed by the lower-cased address, like
 * {@link EmailUnsubscribed}, so that one address's answers stay in order.
 */
@EventContract(name = "EmailSubscriptionConfirmed", version = 1, topic = Topics.NOTIFICATION_CONSENT)
public record EmailSubscriptionConfirmed(String email, @Nullable UUID customerId, String source, Instant confirmedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
