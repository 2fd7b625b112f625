package dev.atelier.bench;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import java.util.UUID;

/** The benchmark's event: a small payload of the size of a typical stock event, on a topic of its own. */
@EventContract(name = "BenchEvent", topic = BenchEvent.TOPIC)
record BenchEvent(UUID id, String key, long seq, String run, String padding) implements DomainEvent {

    static final String TOPIC = "bench.event";

    @Override
    public String aggregateId() {
        return key;
    }
}
