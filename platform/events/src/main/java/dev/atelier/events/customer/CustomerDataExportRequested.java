package dev.atelier.events.customer;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer asked for a copy of their data (GDPR Art. 15 and 20): every service holding personal data about
 * {@code customerId} (or, for guest orders, {@code email}) prepares its part for request {@code requestId}.
 * See docs/customer-data-requests.md.
 */
@EventContract(name = "CustomerDataExportRequested", version = 1, topic = Topics.CUSTOMER_CUSTOMER)
public record CustomerDataExportRequested(UUID requestId, UUID customerId, String email, Instant requestedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }
}
