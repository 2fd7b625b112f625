package dev.atelier.messaging.inbox;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventJson;
import dev.atelier.events.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;

/**
 * Applies one Kafka record: resolves its {@code eventType}/{@code eventVersion} headers to a contract, and in ONE
 * transaction inserts its {@code eventId} into the inbox and runs the handlers. An event id already in the inbox
 * is skipped, so redeliveries change nothing; a failing handler rolls back both and the record is retried.
 * In batch mode a whole poll shares one transaction (see {@link #dispatchBatch}).
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
    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;
    private final Map<String, Integer> failedAttempts = new ConcurrentHashMap<>();

    public InboxDispatcher(EventCatalog catalog, EventHandlerRegistry registry, JdbcTemplate jdbc,
            TransactionTemplate transactions, MeterRegistry meters, @Nullable Tracer tracer,
            @Nullable Propagator propagator) {
        this.catalog = catalog;
        this.registry = registry;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Applies one record in a transaction of its own. */
    public void dispatch(ConsumerRecord<String, String> record) {
        Outcome outcome = transactions.execute(status -> apply(record));
        outcome.count(meters);
    }

    /**
     * Applies a poll's records in ONE transaction, which is what makes a hot aggregate fast. When any record
     * fails, the whole transaction rolls back and the records are applied one by one instead, so that the
     * failing one is retried and dead-lettered alone; a {@link BatchListenerFailedException} tells the error
     * handler which one it was.
     */
    public void dispatchBatch(List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Outcome> outcomes;
        try {
            outcomes = transactions.execute(status -> records.stream().map(this::applyTraced).toList());
        } catch (RuntimeException batchFailure) {
            log.debug("A batch of {} records failed ({}); applying them one by one", records.size(),
                    batchFailure.toString());
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                try {
                    transactions.execute(status -> applyTraced(record)).count(meters);
                    failedAttempts.remove(positionOf(record));
                } catch (RuntimeException e) {
                    failedAttempts.merge(positionOf(record), 1, Integer::sum);
                    throw new BatchListenerFailedException(e.getMessage(), e, i);
                }
            }
            return;
        }
        outcomes.forEach(outcome -> outcome.count(meters));
    }

    /** How often a record failed in batch mode, where Kafka's delivery-attempt header is not available. */
    int failedAttempts(ConsumerRecord<?, ?> record) {
        return failedAttempts.getOrDefault(positionOf(record), 0);
    }

    void forgetAttempts(ConsumerRecord<?, ?> record) {
        failedAttempts.remove(positionOf(record));
    }

    private static String positionOf(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    // in batch mode the container observes the batch, not the record: continue each record's trace here
    private Outcome applyTraced(ConsumerRecord<String, String> record) {
        Tracer tracer = this.tracer;
        Propagator propagator = this.propagator;
        if (tracer == null || propagator == null || header(record, "traceparent") == null) {
            return apply(record);
        }
        Span span = propagator.extract(record, (carrier, key) -> header(carrier, key))
                .name("inbox " + header(record, "eventType")).kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return apply(record);
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Runs inside the caller's transaction: inbox row first, then the handlers, or nothing for a duplicate. */
    private Outcome apply(ConsumerRecord<String, String> record) {
        EventMetadata metadata = metadataOf(record);
        EventType type = catalog.find(metadata.eventType(), metadata.eventVersion())
                .orElseThrow(() -> new UndeliverableEventException("unknown event type " + metadata.eventType()
                        + " v" + metadata.eventVersion() + " on " + record.topic()));
        List<EventHandlerRegistry.Handler> handlers = registry.handlersFor(type);
        if (handlers.isEmpty()) {
            if (registry.isIgnored(type)) {
                return new Outcome(type, "ignored");
            }
            throw new UndeliverableEventException("no @EventHandler for " + type.qualifiedName()
                    + " and it is not declared in @IgnoredEvents");
        }
        DomainEvent event = parse(record, type);
        int inserted = jdbc.update(INSERT, metadata.eventId(), type.qualifiedName(), record.topic(),
                record.partition(), record.offset());
        if (inserted == 0) {
            log.debug("Skipped {} {}: already applied", type.qualifiedName(), metadata.eventId());
            return new Outcome(type, "duplicate");
        }
        for (EventHandlerRegistry.Handler handler : handlers) {
            handler.invoke(event, metadata);
        }
        return new Outcome(type, "applied");
    }

    private record Outcome(EventType type, String outcome) {

        void count(MeterRegistry meters) {
            meters.counter("atelier.inbox.events", "event", type.qualifiedName(), "outcome", outcome).increment();
        }
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

}
