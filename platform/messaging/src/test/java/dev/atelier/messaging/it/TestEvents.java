package dev.atelier.messaging.it;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.util.List;
import java.util.UUID;

/** Contracts of the two test applications; they travel on a topic of their own. */
public final class TestEvents {

    public static final String TOPIC = "test.ping";
    /** The consumer application (group {@code consumer}) dead-letters to a topic of its own. */
    public static final String DEAD_LETTERS = Topics.deadLetterOf(TOPIC, "consumer");

    private TestEvents() {
    }

    public static EventCatalog catalog() {
        return EventCatalog.with(List.of(Ping.class, Poison.class, Unhandled.class, Skipped.class));
    }

    /** A numbered event of a key; the consumer records one effect row per application. */
    @EventContract(name = "Ping", topic = TOPIC)
    public record Ping(UUID id, String key, long seq, String run) implements DomainEvent {
        @Override
        public String aggregateId() {
            return key;
        }
    }

    /** Its handler always throws: it must end in the dead-letter topic. */
    @EventContract(name = "Poison", topic = TOPIC)
    public record Poison(UUID id, String key) implements DomainEvent {
        @Override
        public String aggregateId() {
            return key;
        }
    }

    /** No handler and not ignored: dead-lettered at once. */
    @EventContract(name = "Unhandled", topic = TOPIC)
    public record Unhandled(UUID id, String key) implements DomainEvent {
        @Override
        public String aggregateId() {
            return key;
        }
    }

    /** Declared as ignored by the consumer. */
    @EventContract(name = "Skipped", topic = TOPIC)
    public record Skipped(UUID id, String key) implements DomainEvent {
        @Override
        public String aggregateId() {
            return key;
        }
    }
}
