package dev.atelier.events.customer;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer gave ({@code granted}) or withdrew marketing consent for {@code email}, through {@code source}
 * ({@code account}, {@code sign-up}, {@code unsubscribe-link}, {@code admin}). Services that send marketing mail
 * (notification-service) keep the latest answer per address and send marketing only where it is {@code true};
 * transactional mail is not affected. Published on every change, never for a repeat of the same answer.
 */
@EventContract(name = "MarketingConsentChanged", version = 1, topic = Topics.CUSTOMER_CUSTOMER)
public record MarketingConsentChanged(UUID customerId, String email, boolean granted, String source,
        Instant changedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }
}
