package dev.atelier.messaging.inbox;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventHeaders;
import dev.atelier.events.EventJson;
import dev.atelier.events.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
class InboxDispatcher {

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
    private final Counter batchFallbacks;
    private final List<BatchLocking> batchLocking;

    /** @param batchLocking what to lock first in a batch's transaction (see {@link BatchLocking}) */
    InboxDispatcher(EventCatalog catalog, EventHandlerRegistry registry, JdbcTemplate jdbc,
            TransactionTemplate transactions, MeterRegistry meters, @Nullable Tracer tracer,
            @Nullable Propagator propagator, List<BatchLocking> batchLocking) {
        this.batchLocking = List.copyOf(batchLocking);
        this.catalog = catalog;
        this.registry = registry;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        this.tracer = tracer;
        this.propagator = propagator;
        this.batchFallbacks = Counter.builder("atelier.inbox.batch.fallbacks")
                .description("Batches that failed and were applied one record at a time")
                .register(meters);
    }

    /**
     * Applies one record in a transaction of its own.
     *
     * @return {@code applied}, {@code duplicate} (the inbox knew its event id: nothing changed) or {@code ignored}
     */
    String dispatch(ConsumerRecord<String, String> record) {
        Outcome outcome = transactions.execute(status -> apply(record));
        outcome.count(meters);
        return outcome.outcome();
    }

    /**
     * Applies a poll's records in ONE transaction, which is what makes a hot aggregate fast. When any record
     * fails, the whole transaction rolls back and the records are applied one by one instead, so that the
     * failing one is retried and dead-lettered alone; a {@link BatchListenerFailedException} tells the error
     * handler which one it was.
     */
    void dispatchBatch(List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Outcome> outcomes;
        try {
            outcomes = transactions.execute(status -> applyAll(records));
        } catch (RuntimeException batchFailure) {
            if (TransientFailures.isTransient(batchFailure)) {
                // the database is away or the batch lost a race: the whole poll is retried, nothing is skipped
                throw new BatchListenerFailedException(batchFailure.getMessage(), batchFailure, 0);
            }
            batchFallbacks.increment();
            log.info("A batch of {} records failed ({}); applying them one by one", records.size(),
                    batchFailure.toString());
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                try {
                    transactions.execute(status -> apply(record)).count(meters);
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

    /** What a record is, resolved before anything is written: undeliverable records fail here. */
    private record Resolved(ConsumerRecord<String, String> record, EventMetadata metadata, EventType type,
            List<EventHandlerRegistry.Handler> handlers, @Nullable DomainEvent event) {

        boolean ignored() {
            return event == null;
        }
    }

    private Resolved resolve(ConsumerRecord<String, String> record) {
        EventMetadata metadata = metadataOf(record);
        EventType type = catalog.find(metadata.eventType(), metadata.eventVersion())
                .orElseThrow(() -> new UndeliverableEventException("unknown event type " + metadata.eventType()
                        + " v" + metadata.eventVersion() + " on " + record.topic()));
        List<EventHandlerRegistry.Handler> handlers = registry.handlersFor(type);
        if (handlers.isEmpty()) {
            if (registry.isIgnored(type)) {
                return new Resolved(record, metadata, type, handlers, null);
            }
            throw new UndeliverableEventException("no @EventHandler for " + type.qualifiedName()
                    + " and it is not declared in @IgnoredEvents");
        }
        return new Resolved(record, metadata, type, handlers, parse(record, type));
    }

    /** Runs inside the caller's transaction: inbox row first, then the handlers, or nothing for a duplicate. */
    private Outcome apply(ConsumerRecord<String, String> record) {
        Resolved resolved = resolve(record);
        if (resolved.ignored()) {
            return new Outcome(resolved.type(), "ignored");
        }
        EventMetadata metadata = resolved.metadata();
        int inserted = jdbc.update(INSERT, metadata.eventId(), resolved.type().qualifiedName(), record.topic(),
                record.partition(), record.offset());
        if (inserted == 0) {
            log.debug("Skipped {} {}: already applied", resolved.type().qualifiedName(), metadata.eventId());
            return new Outcome(resolved.type(), "duplicate");
        }
        invoke(resolved);
        return new Outcome(resolved.type(), "applied");
    }

    /**
     * A poll in one transaction: every inbox row in ONE statement, which returns the ids not seen before; only
     * those are applied, in the order they came.
     */
    private List<Outcome> applyAll(List<ConsumerRecord<String, String>> records) {
        List<Resolved> resolved = records.stream().map(this::resolve).toList();
        List<Resolved> handled = resolved.stream().filter(r -> !r.ignored()).toList();
        if (!handled.isEmpty()) {
            List<DomainEvent> events = handled.stream().map(r -> Objects.requireNonNull(r.event())).toList();
            batchLocking.forEach(locking -> locking.lockFor(events));
        }
        Set<UUID> fresh = handled.isEmpty() ? new HashSet<>() : insertInboxRows(handled);
        List<Outcome> outcomes = new ArrayList<>(resolved.size());
        for (Resolved each : resolved) {
            if (each.ignored()) {
                outcomes.add(new Outcome(each.type(), "ignored"));
            } else if (fresh.remove(each.metadata().eventId())) {
                invoke(each);
                outcomes.add(new Outcome(each.type(), "applied"));
            } else {
                outcomes.add(new Outcome(each.type(), "duplicate"));
            }
        }
        return outcomes;
    }

    private Set<UUID> insertInboxRows(List<Resolved> handled) {
        Set<UUID> fresh = new HashSet<>();
        jdbc.query(connection -> {
            var insert = connection.prepareStatement("""
                    INSERT INTO inbox (event_id, event_type, topic, partition_no, offset_no)
                    SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::bigint[])
                    ON CONFLICT (event_id) DO NOTHING
                    RETURNING event_id""");
            insert.setArray(1, connection.createArrayOf("uuid", handled.stream().map(r -> r.metadata().eventId()).toArray()));
            insert.setArray(2, connection.createArrayOf("text", handled.stream().map(r -> r.type().qualifiedName()).toArray()));
            insert.setArray(3, connection.createArrayOf("text", handled.stream().map(r -> r.record().topic()).toArray()));
            insert.setArray(4, connection.createArrayOf("int4", handled.stream().map(r -> r.record().partition()).toArray()));
            insert.setArray(5, connection.createArrayOf("int8", handled.stream().map(r -> r.record().offset()).toArray()));
            return insert;
        }, rs -> {
            fresh.add(rs.getObject(1, UUID.class));
        });
        return fresh;
    }

    // in batch mode the container observes the batch, not the record: each record continues its own trace here
    private void invoke(Resolved resolved) {
        Tracer tracer = this.tracer;
        Propagator propagator = this.propagator;
        ConsumerRecord<String, String> record = resolved.record();
        if (tracer == null || propagator == null || resolved.metadata().traceparent() == null
                || tracer.currentSpan() != null) {
            invokeHandlers(resolved);
            return;
        }
        Span span = propagator.extract(record, (carrier, key) -> header(carrier, key))
                .name("inbox " + resolved.type().name()).kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            invokeHandlers(resolved);
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void invokeHandlers(Resolved resolved) {
        for (EventHandlerRegistry.Handler handler : resolved.handlers()) {
            handler.invoke(Objects.requireNonNull(resolved.event()), resolved.metadata());
        }
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
        String eventId = header(record, EventHeaders.EVENT_ID);
        String eventType = header(record, EventHeaders.EVENT_TYPE);
        String eventVersion = header(record, EventHeaders.EVENT_VERSION);
        if (eventId == null || eventType == null || eventVersion == null) {
            throw new UndeliverableEventException("record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " lacks the eventId, eventType or eventVersion header");
        }
        try {
            return new EventMetadata(UUID.fromString(eventId), eventType, Integer.parseInt(eventVersion),
                    record.topic(), record.partition(), record.offset(), record.key(), header(record, EventHeaders.TRACEPARENT));
        } catch (IllegalArgumentException e) {
            throw new UndeliverableEventException("malformed eventId or eventVersion header: " + e.getMessage(), e);
        }
    }

    static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
