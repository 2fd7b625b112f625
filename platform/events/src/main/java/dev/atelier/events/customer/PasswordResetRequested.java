package dev.atelier.events.customer;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer asked to reset a forgotten password: notification-service mails {@code resetUrl}, which works once and
 * until {@code expiresAt} (30 minutes). The URL carries a secret: consumers send it and never store or log it.
 */
@EventContract(name = "PasswordResetRequested", version = 1, topic = Topics.CUSTOMER_CUSTOMER)
public record PasswordResetRequested(UUID customerId, String email, String resetUrl, Instant expiresAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }
}
