package dev.atelier.events.customer;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer asked to be forgotten (GDPR Art. 17): every service deletes what it holds about {@code customerId}
 * (and guest records under {@code email}), anonymises what it must keep for accounting (amounts stay, names and
 * addresses go), and confirms for {@code requestId}. customer-service has erased its own part when this is sent.
 * See docs/customer-data-requests.md.
 */
@EventContract(name = "CustomerErasureRequested", version = 1, topic = Topics.CUSTOMER_CUSTOMER)
public record CustomerErasureRequested(UUID requestId, UUID customerId, String email, Instant requestedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }
}
