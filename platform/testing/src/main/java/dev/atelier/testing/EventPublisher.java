package dev.atelier.testing;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventHeaders;
import dev.atelier.events.EventJson;
import dev.atelier.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to Kafka exactly as another service's outbox relay would (topic, key, JSON payload and the
 * {@code eventId}/{@code eventType}/{@code eventVersion} headers), so that a service test can play the services
 * around it. Thread-safe.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final EventCatalog catalog;

    public EventPublisher(String bootstrapServers, EventCatalog catalog) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new StringSerializer());
        this.catalog = catalog;
    }

    /** A publisher on the JVM's shared test broker. */
    public static EventPublisher toSharedBroker() {
        return new EventPublisher(SharedInfrastructure.get().kafka().bootstrapServers(), EventCatalog.standard());
    }

    /** Publishes with a new event id and waits for the broker's acknowledgement; returns the event id. */
    public UUID publish(DomainEvent event) {
        UUID eventId = UUID.randomUUID();
        publish(event, eventId);
        return eventId;
    }

    /** Publishes with the given event id, e.g. to play a redelivery of the same event. */
    public void publish(DomainEvent event, UUID eventId) {
        try {
            send(event, eventId).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + event, e.getCause());
        }
    }

    /** Publishes without waiting; {@link #flush()} waits for everything sent. */
    public Future<RecordMetadata> send(DomainEvent event, UUID eventId) {
        EventType type = catalog.typeOf(event);
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_ID, eventId.toString().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_TYPE, type.name().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_VERSION, String.valueOf(type.version()).getBytes(StandardCharsets.UTF_8));
        return producer.send(new ProducerRecord<>(type.topic(), null, event.aggregateId(), EventJson.write(event), headers));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
