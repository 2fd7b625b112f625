package dev.atelier.messaging.relay;

import dev.atelier.events.EventHeaders;
import dev.atelier.messaging.outbox.EventIds;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publishes the batches the engine hands over: once the {@link VisibilityGate} found every transaction of the
 * batch visible in the database, each outbox record to its topic with the contract's headers only, waits until
 * Kafka acknowledged all of them, deletes their rows, and only then lets Debezium commit the batch's position. A
 * crash anywhere in between may send a record twice, never lose one.
 */
final class RecordPublisher {

    private final Supplier<Producer<String, String>> producerFactory;
    private final JdbcTemplate jdbc;
    private final Duration sendTimeout;
    private final RelayMeters meters;
    private final VisibilityGate visibility;
    private volatile @Nullable Producer<String, String> producer;

    RecordPublisher(Supplier<Producer<String, String>> producerFactory, JdbcTemplate jdbc, Duration sendTimeout,
            RelayMeters meters, VisibilityGate visibility) {
        this.producerFactory = producerFactory;
        this.jdbc = jdbc;
        this.sendTimeout = sendTimeout;
        this.meters = meters;
        this.visibility = visibility;
    }

    /** A fresh producer for an engine that starts. */
    void open() {
        producer = producerFactory.get();
    }

    void close() {
        Producer<String, String> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }

    void publish(List<RecordChangeEvent<SourceRecord>> batch,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        Producer<String, String> target = producer;
        List<ProducerRecord<String, String>> records = new ArrayList<>(batch.size());
        Set<Long> transactions = new HashSet<>();
        List<UUID> ids = new ArrayList<>(batch.size());
        for (RecordChangeEvent<SourceRecord> change : batch) {
            SourceRecord source = change.record();
            // heartbeats (Debezium's own and the beats of the action query) only move the position: acknowledged, not sent
            if (source.value() == null || RelayEngine.isHeartbeat(source.topic())) {
                continue;
            }
            // the contract's headers only: Debezium's own (id, __debezium.context.*) stay inside the relay
            RecordHeaders headers = new RecordHeaders();
            for (String name : EventHeaders.ALL) {
                Header header = source.headers().lastWithName(name);
                if (header != null && header.value() != null) {
                    headers.add(name, header.value().toString().getBytes(StandardCharsets.UTF_8));
                    if (EventHeaders.EVENT_ID.equals(name)) {
                        ids.add(UUID.fromString(header.value().toString()));
                    }
                }
            }
            String key = source.key() == null ? null : source.key().toString();
            records.add(new ProducerRecord<>(source.topic(), null, key, source.value().toString(), headers));
            Long transaction = VisibilityGate.transactionOf(source);
            if (transaction != null) {
                transactions.add(transaction);
            }
        }
        // a consumer may call this service back as soon as it has the event: what it was told must be readable
        visibility.awaitVisible(transactions, sendTimeout);
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (ProducerRecord<String, String> record : records) {
            sends.add(target.send(record));
        }
        awaitAcknowledged(sends);
        Instant acknowledged = Instant.now();
        if (!ids.isEmpty()) {
            // The rows have done their job once Kafka holds the records; the WAL, not the table, feeds the relay,
            // so deleting here can at worst lead to a resend after a crash, never to a loss.
            jdbc.update(connection -> {
                var delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)");
                delete.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                return delete;
            });
        }
        for (RecordChangeEvent<SourceRecord> change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        for (UUID id : ids) {
            Instant recorded = EventIds.timestampOf(id);
            if (recorded != null) {
                meters.lag(Duration.between(recorded, acknowledged));
            }
        }
        meters.relayed(sends.size());
    }

    private void awaitAcknowledged(List<Future<RecordMetadata>> sends) throws InterruptedException {
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused an outbox record: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge outbox records within " + sendTimeout, e);
            }
        }
    }
}
