package dev.atelier.events.customer;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** A shopper verified the e-mail address: the account exists and can sign in. */
@EventContract(name = "CustomerRegistered", version = 1, topic = Topics.CUSTOMER_CUSTOMER)
public record CustomerRegistered(UUID customerId, String email, String displayName, Instant registeredAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }
}
