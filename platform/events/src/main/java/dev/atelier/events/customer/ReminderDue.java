package dev.atelier.events.customer;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An occasion a customer asked to be reminded of is {@code daysBefore} days away (or less): notification-service
 * mails {@code email} about {@code forWhom}'s {@code occasion} on {@code occasionDate}. Sent once per reminder per
 * year.
 */
@EventContract(name = "ReminderDue", version = 1, topic = Topics.CUSTOMER_CUSTOMER)
public record ReminderDue(UUID reminderId, UUID customerId, String email, String displayName, String forWhom,
        String occasion, LocalDate occasionDate, int daysBefore) implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }
}
