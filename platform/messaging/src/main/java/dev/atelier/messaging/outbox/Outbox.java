package dev.atelier.messaging.outbox;

import dev.atelier.events.DomainEvent;

/**
 * Records a domain event in the caller's transaction; the relay publishes it to Kafka once that transaction
 * has committed, and never if it rolls back. This is the only way a service publishes a domain event.
 */
public interface Outbox {

    /**
     * Adds the event to the outbox.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException when no transaction is active:
     *     an event outside the business transaction could be published for a change that never happened
     */
    void record(DomainEvent event);
}
