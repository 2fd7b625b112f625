package dev.atelier.messaging.inbox;

import dev.atelier.events.DomainEvent;
import java.util.List;

/**
 * Lets a service lock, up front and in one fixed order, every row a batch of events will lock (see
 * {@code atelier.messaging.inbox.batch}). Each handler may lock its own rows in a fixed order, but a poll applies
 * many events in one transaction, and two consumers applying two polls would otherwise take the same rows in
 * different orders and deadlock. The dispatcher calls every {@code BatchLocking} bean at the start of a batch's
 * transaction, with the events it is about to apply, before any handler runs; later locks of the same rows in that
 * transaction are then free.
 */
@FunctionalInterface
public interface BatchLocking {

    /** Locks, in one sorted order, the rows the handlers of these events will lock; runs in the batch's transaction. */
    void lockFor(List<DomainEvent> events);
}
