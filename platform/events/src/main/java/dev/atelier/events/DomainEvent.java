package dev.atelier.events;

/**
 * An event contract: a record annotated with {@link EventContract} whose aggregate id becomes the Kafka
 * record key, so that all events of one aggregate stay in order on one partition.
 */
public interface DomainEvent {

    /** The aggregate id, used as the record key. */
    String aggregateId();
}
