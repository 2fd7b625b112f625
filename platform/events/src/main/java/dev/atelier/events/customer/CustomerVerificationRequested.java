package dev.atelier.events.customer;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * A shopper signed up (or asked for a new code) and must prove the e-mail address: notification-service mails the
 * six-digit {@code code}, valid until {@code expiresAt} and for a few attempts only. The code is a short-lived
 * secret: consumers send it and never store or log it.
 */
@EventContract(name = "CustomerVerificationRequested", version = 1, topic = Topics.CUSTOMER_CUSTOMER)
public record CustomerVerificationRequested(UUID customerId, String email, String displayName, String code,
        Instant expiresAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }
}
