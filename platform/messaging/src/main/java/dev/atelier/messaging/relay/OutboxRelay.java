package dev.atelier.messaging.relay;

import dev.atelier.messaging.outbox.EventIds;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Streams the inserts of this service's {@code outbox} table to Kafka: a Debezium embedded engine reads the
 * write-ahead log (pgoutput, one slot and publication per service), the Outbox Event Router turns each row into
 * a record for its topic, and this class produces it with an idempotent producer, deletes the captured rows and
 * only then lets Debezium commit its offset. A crash anywhere may send a record twice, never lose one.
 *
 * <p>Only one instance of a service streams: the relay holds a PostgreSQL advisory lock named after its slot for
 * as long as it runs, and the other instances wait in STANDBY and take over when the lock is free. When the
 * engine fails, readiness turns to REFUSING_TRAFFIC and the relay restarts with a growing back-off.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final RelaySettings settings;
    private final Supplier<Producer<String, String>> producerFactory;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Counter relayed;
    private final Counter failures;
    private final Timer lag;
    private final AtomicLong lastLagMillis = new AtomicLong();

    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("outbox-relay-restart").factory());
    private volatile @Nullable ExecutorService engineThread;
    private volatile @Nullable DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile @Nullable Producer<String, String> producer;
    private volatile @Nullable Connection leadership;
    private volatile @Nullable ScheduledFuture<?> watchdog;
    private volatile RelayState state = RelayState.STOPPED;
    private volatile boolean stopping;
    private volatile boolean refusedTraffic;
    private volatile @Nullable String lastError;
    private volatile int consecutiveFailures;
    // bumped by stop(): a restart scheduled before it must not launch a second engine after a new start()
    private volatile int generation;

    public OutboxRelay(RelaySettings settings, Supplier<Producer<String, String>> producerFactory, JdbcTemplate jdbc,
            ApplicationEventPublisher events, MeterRegistry meters) {
        this.settings = settings;
        this.producerFactory = producerFactory;
        this.jdbc = jdbc;
        this.events = events;
        this.relayed = Counter.builder("atelier.outbox.relayed")
                .description("Outbox events the relay has published to Kafka")
                .register(meters);
        this.failures = Counter.builder("atelier.outbox.relay.failures")
                .description("Times the relay stopped unexpectedly (and restarted)")
                .register(meters);
        this.lag = Timer.builder("atelier.outbox.relay.lag")
                .description("Time from recording an outbox event to Kafka acknowledging it")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("atelier.outbox.relay.last.lag", lastLagMillis, AtomicLong::get)
                .description("Lag of the last relayed event, in milliseconds")
                .baseUnit("milliseconds")
                .register(meters);
        Gauge.builder("atelier.outbox.relay.running", this, r -> r.state == RelayState.RUNNING ? 1 : 0)
                .description("1 while the relay streams, 0 when stopped or failed")
                .register(meters);
        Gauge.builder("atelier.outbox.pending", this, OutboxRelay::pendingRows)
                .description("Outbox rows not yet relayed")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        if (state != RelayState.STOPPED) {
            return;
        }
        stopping = false;
        long every = settings.standbyPoll().toMillis();
        watchdog = restarts.scheduleWithFixedDelay(this::watchLeadership, every, every, TimeUnit.MILLISECONDS);
        launch(generation);
    }

    /**
     * The lock lives in a session of its own: if that session dies while the engine streams (a database failover,
     * an idle connection cut), another replica may take the lock, so this one restarts to take it again or stand by.
     */
    private void watchLeadership() {
        Connection held = leadership;
        if (state != RelayState.RUNNING || stopping) {
            return;
        }
        boolean valid;
        try {
            valid = held != null && held.isValid(2);
        } catch (SQLException e) {
            valid = false;
        }
        DebeziumEngine<RecordChangeEvent<SourceRecord>> running = engine;
        if (!valid && running != null) {
            log.warn("Outbox relay {} lost its lock session; restarting to take the lock again", settings.name());
            try {
                running.close();
            } catch (IOException e) {
                log.warn("Outbox relay {} did not close cleanly", settings.name(), e);
            }
        }
    }

    private void scheduleLaunch(Duration delay) {
        int scheduledIn = generation;
        restarts.schedule(() -> launch(scheduledIn), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void launch(int scheduledIn) {
        if (stopping || scheduledIn != generation || engine != null) {
            return;
        }
        try {
            if (!holdLeadership()) {
                if (state != RelayState.STANDBY) {
                    log.info("Outbox relay {} on standby: another instance streams slot {}", settings.name(),
                            settings.slotName());
                }
                state = RelayState.STANDBY;
                scheduleLaunch(settings.standbyPoll());
                return;
            }
        } catch (SQLException e) {
            fail("cannot reach the database to take the relay lock: " + e.getMessage(), e);
            return;
        }
        state = RelayState.STARTING;
        producer = producerFactory.get();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> created = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineProperties())
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        onStarted();
                    }
                })
                .using(this::onCompleted)
                .notifying(this::handleBatch)
                .build();
        engine = created;
        ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("outbox-relay-" + settings.name()).factory());
        engineThread = thread;
        thread.execute(created);
        log.info("Outbox relay {} starting (slot {}, database {})", settings.name(), settings.slotName(),
                settings.database());
    }

    /** Takes (or confirms) the session-level advisory lock that makes this instance the one that streams. */
    private boolean holdLeadership() throws SQLException {
        Connection held = leadership;
        if (held != null && held.isValid(2)) {
            return true;
        }
        releaseLeadership();
        Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        boolean acquired;
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, "atelier-outbox-relay:" + settings.slotName());
            try (ResultSet result = lock.executeQuery()) {
                acquired = result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        if (acquired) {
            leadership = connection;
        } else {
            connection.close();
        }
        return acquired;
    }

    private void releaseLeadership() {
        Connection held = leadership;
        leadership = null;
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                log.debug("Closing the relay lock connection failed", e);
            }
        }
    }

    Properties engineProperties() {
        Properties props = new Properties();
        props.setProperty("name", settings.name());
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        // names Debezium's MBeans too: the slot is unique per database, so two relays in one JVM never clash
        props.setProperty("topic.prefix", settings.slotName());
        props.setProperty("database.hostname", settings.host());
        props.setProperty("database.port", String.valueOf(settings.port()));
        props.setProperty("database.user", settings.user());
        props.setProperty("database.password", settings.password());
        props.setProperty("database.dbname", settings.database());
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", settings.slotName());
        props.setProperty("publication.name", "atelier_outbox");
        props.setProperty("publication.autocreate.mode", "disabled");
        props.setProperty("table.include.list", settings.schema() + ".outbox");
        props.setProperty("snapshot.mode", "initial");
        props.setProperty("poll.interval.ms", String.valueOf(settings.pollInterval().toMillis()));
        props.setProperty("max.batch.size", String.valueOf(settings.maxBatchSize()));
        props.setProperty("max.queue.size", String.valueOf(settings.maxBatchSize() * 4));
        props.setProperty("offset.flush.interval.ms", String.valueOf(settings.offsetFlushInterval().toMillis()));
        props.setProperty("offset.storage", JdbcOffsetBackingStore.class.getName());
        props.setProperty(JdbcOffsetBackingStore.URL, settings.jdbcUrl());
        props.setProperty(JdbcOffsetBackingStore.USER, settings.user());
        props.setProperty(JdbcOffsetBackingStore.PASSWORD, settings.password());
        props.setProperty(JdbcOffsetBackingStore.RELAY, settings.name());
        props.setProperty("transforms", "outbox");
        props.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        props.setProperty("transforms.outbox.route.by.field", "aggregatetype");
        props.setProperty("transforms.outbox.route.topic.replacement", "${routedByValue}");
        props.setProperty("transforms.outbox.table.fields.additional.placement",
                "id:header:eventId,type:header:eventType,version:header:eventVersion,traceparent:header:traceparent");
        props.setProperty("transforms.outbox.table.op.invalid.behavior", "error");
        props.setProperty("errors.max.retries", "3");
        props.setProperty("errors.retry.delay.initial.ms", "300");
        props.setProperty("retriable.restart.connector.wait.ms", "3000");
        props.putAll(settings.engineOverrides());
        return props;
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> batch,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        Producer<String, String> target = producer;
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        List<UUID> ids = new ArrayList<>(batch.size());
        for (RecordChangeEvent<SourceRecord> change : batch) {
            SourceRecord source = change.record();
            if (source.value() == null) {
                continue;
            }
            RecordHeaders headers = new RecordHeaders();
            for (Header header : source.headers()) {
                if (header.value() != null) {
                    headers.add(header.key(), header.value().toString().getBytes(StandardCharsets.UTF_8));
                    if ("eventId".equals(header.key())) {
                        ids.add(UUID.fromString(header.value().toString()));
                    }
                }
            }
            String key = source.key() == null ? null : source.key().toString();
            sends.add(target.send(new ProducerRecord<>(source.topic(), null, key, source.value().toString(), headers)));
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
                Duration waited = Duration.between(recorded, acknowledged);
                lag.record(waited);
                lastLagMillis.set(waited.toMillis());
            }
        }
        relayed.increment(sends.size());
        consecutiveFailures = 0;
    }

    private void awaitAcknowledged(List<Future<RecordMetadata>> sends) throws InterruptedException {
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused an outbox record: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge outbox records within " + settings.sendTimeout(), e);
            }
        }
    }

    private void onStarted() {
        state = RelayState.RUNNING;
        lastError = null;
        log.info("Outbox relay {} is streaming", settings.name());
        if (refusedTraffic) {
            refusedTraffic = false;
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    private synchronized void onCompleted(boolean success, String message, @Nullable Throwable error) {
        closeProducer();
        engine = null;
        ExecutorService thread = engineThread;
        if (thread != null) {
            thread.shutdown();
        }
        if (stopping) {
            state = RelayState.STOPPED;
            return;
        }
        fail(error == null ? message : message + ": " + error, error);
    }

    private void fail(String reason, @Nullable Throwable error) {
        failures.increment();
        state = RelayState.FAILED;
        lastError = reason;
        int failures = ++consecutiveFailures;
        Duration backoff = backoff(failures);
        log.error("Outbox relay {} stopped unexpectedly ({}); readiness is DOWN, restarting in {}",
                settings.name(), reason, backoff, error);
        refuseTraffic();
        scheduleLaunch(backoff);
    }

    /** Turns readiness down while the relay is failed; also called when the application becomes ready. */
    public void refuseTrafficIfFailed() {
        if (state == RelayState.FAILED) {
            refuseTraffic();
        }
    }

    private void refuseTraffic() {
        refusedTraffic = true;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    }

    Duration backoff(int failures) {
        long millis = settings.restartBackoff().toMillis() << Math.min(failures - 1, 10);
        return Duration.ofMillis(Math.min(millis, settings.maxRestartBackoff().toMillis()));
    }

    @Override
    public void stop() {
        stopping = true;
        generation++;
        ScheduledFuture<?> watching = watchdog;
        if (watching != null) {
            watching.cancel(false);
        }
        DebeziumEngine<RecordChangeEvent<SourceRecord>> running;
        ExecutorService thread;
        synchronized (this) {
            // waits for a launch in progress; the engine is closed outside the lock, as its callback takes it too
            running = engine;
            thread = engineThread;
        }
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                log.warn("Outbox relay {} did not close cleanly", settings.name(), e);
            }
        }
        if (thread != null) {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
        releaseLeadership();
        engine = null;
        engineThread = null;
        state = RelayState.STOPPED;
        log.info("Outbox relay {} stopped", settings.name());
    }

    private void closeProducer() {
        Producer<String, String> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return state != RelayState.STOPPED;
    }

    /** After the inbox consumers (which stop first) and before the database goes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    public RelayState state() {
        return state;
    }

    public @Nullable String lastError() {
        return lastError;
    }

    public RelaySettings settings() {
        return settings;
    }

    /** Whether PostgreSQL reports the relay's replication slot as in use, i.e. changes are being streamed. */
    public boolean isStreaming() {
        Boolean active = jdbc.query("SELECT active FROM pg_replication_slots WHERE slot_name = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, settings.slotName());
        return state == RelayState.RUNNING && Boolean.TRUE.equals(active);
    }

    private double pendingRows() {
        try {
            Long count = jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
