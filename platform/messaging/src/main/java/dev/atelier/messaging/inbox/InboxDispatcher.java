package dev.atelier.messaging.inbox;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventJson;
import dev.atelier.events.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;

/**
 * Applies one Kafka record: resolves its {@code eventType}/{@code eventVersion} headers to a contract, and in ONE
 * transaction inserts its {@code eventId} into the inbox and runs the handlers. An event id already in the inbox
 * is skipped, so redeliveries change nothing; a failing handler rolls back both and the record is retried.
 */
public class InboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

    private static final String INSERT = """
            INSERT INTO inbox (event_id, event_type, topic, partition_no, offset_no) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING""";

    private final EventCatalog catalog;
    private final EventHandlerRegistry registry;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    public InboxDispatcher(EventCatalog catalog, EventHandlerRegistry registry, JdbcTemplate jdbc,
            TransactionTemplate transactions, MeterRegistry meters) {
        this.catalog = catalog;
        this.registry = registry;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
    }

    public void dispatch(ConsumerRecord<String, String> record) {
        EventMetadata metadata = metadataOf(record);
        EventType type = catalog.find(metadata.eventType(), metadata.eventVersion())
                .orElseThrow(() -> new UndeliverableEventException("unknown event type " + metadata.eventType()
                        + " v" + metadata.eventVersion() + " on " + record.topic()));
        List<EventHandlerRegistry.Handler> handlers = registry.handlersFor(type);
        if (handlers.isEmpty()) {
            if (registry.isIgnored(type)) {
                count(type, "ignored");
                return;
            }
            throw new UndeliverableEventException("no @EventHandler for " + type.qualifiedName()
                    + " and it is not declared in @IgnoredEvents");
        }
        DomainEvent event = parse(record, type);
        boolean applied = Boolean.TRUE.equals(transactions.execute(status -> {
            int inserted = jdbc.update(INSERT, metadata.eventId(), type.qualifiedName(), record.topic(),
                    record.partition(), record.offset());
            if (inserted == 0) {
                return false;
            }
            for (EventHandlerRegistry.Handler handler : handlers) {
                handler.invoke(event, metadata);
            }
            return true;
        }));
        if (!applied) {
            log.debug("Skipped {} {}: already applied", type.qualifiedName(), metadata.eventId());
        }
        count(type, applied ? "applied" : "duplicate");
    }

    private DomainEvent parse(ConsumerRecord<String, String> record, EventType type) {
        if (record.value() == null) {
            throw new UndeliverableEventException(type.qualifiedName() + " record has no payload");
        }
        try {
            return EventJson.read(record.value(), type.javaType());
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new UndeliverableEventException("payload of " + type.qualifiedName() + " does not parse: "
                    + e.getMessage(), e);
        }
    }

    static EventMetadata metadataOf(ConsumerRecord<String, String> record) {
        String eventId = header(record, "eventId");
        String eventType = header(record, "eventType");
        String eventVersion = header(record, "eventVersion");
        if (eventId == null || eventType == null || eventVersion == null) {
            throw new UndeliverableEventException("record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " lacks the eventId, eventType or eventVersion header");
        }
        try {
            return new EventMetadata(UUID.fromString(eventId), eventType, Integer.parseInt(eventVersion),
                    record.topic(), record.partition(), record.offset(), record.key(), header(record, "traceparent"));
        } catch (IllegalArgumentException e) {
            throw new UndeliverableEventException("malformed eventId or eventVersion header: " + e.getMessage(), e);
        }
    }

    static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void count(EventType type, String outcome) {
        meters.counter("atelier.inbox.events", "event", type.qualifiedName(), "outcome", outcome).increment();
    }
}
