package dev.atelier.events.customer;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code service} has done its part of a customer's erasure (answer to {@link CustomerErasureRequested}):
 * {@code deleted} records removed, {@code anonymised} records kept for accounting with the personal data replaced.
 * customer-service records the confirmation on the request. Idempotent: erasing again confirms again with zeros.
 * See docs/customer-data-requests.md.
 */
@EventContract(name = "CustomerErasureConfirmed", version = 1, topic = Topics.CUSTOMER_DATA_REQUEST)
public record CustomerErasureConfirmed(UUID requestId, UUID customerId, String service, long deleted,
        long anonymised, Instant confirmedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return requestId.toString();
    }
}
