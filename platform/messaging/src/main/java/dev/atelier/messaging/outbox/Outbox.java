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

    /**
     * Runs {@code step} just before this transaction's events are written, once per call; the step may record
     * more events. It is the place for events that sum up the whole transaction (one figure per item however
     * often the item changed). Must be called inside the transaction.
     */
    void beforeWrite(Runnable step);
}
