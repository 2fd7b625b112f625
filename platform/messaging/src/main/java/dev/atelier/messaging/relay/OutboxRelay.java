package dev.atelier.messaging.relay;

import dev.atelier.messaging.EventHeaders;
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
import java.util.regex.Pattern;
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
 * engine fails (Kafka away, the database away), the relay restarts with a growing back-off; the service keeps
 * serving (its readiness is not the relay's business: the outbox exists so that a broker outage does not stop
 * the shop) and its state shows in the {@code relay} health group. After {@code releaseLockAfterFailures}
 * failures in a row it lets go of its lock, so that a standby replica that may fare better can take over.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String HEARTBEAT_PREFIX = "__atelier-relay-heartbeat";

    private final RelaySettings settings;
    private final Supplier<Producer<String, String>> producerFactory;
    private final JdbcTemplate jdbc;
    private final Counter relayed;
    private final Counter failures;
    private final Counter lockReleases;
    private final Counter republished;
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
    private volatile @Nullable String lastError;
    private volatile int consecutiveFailures;
    private volatile boolean republishOnStart;
    // bumped by stop(): a restart scheduled before it must not launch a second engine after a new start()
    private volatile int generation;

    public OutboxRelay(RelaySettings settings, Supplier<Producer<String, String>> producerFactory, JdbcTemplate jdbc,
            MeterRegistry meters) {
        this.settings = settings;
        this.producerFactory = producerFactory;
        this.jdbc = jdbc;
        this.relayed = Counter.builder("atelier.outbox.relayed")
                .description("Outbox events the relay has published to Kafka")
                .register(meters);
        this.failures = Counter.builder("atelier.outbox.relay.failures")
                .description("Times the relay stopped unexpectedly (and restarted)")
                .register(meters);
        this.republished = Counter.builder("atelier.outbox.relay.republished")
                .description("Pending outbox rows published again because the replication slot was new")
                .register(meters);
        this.lockReleases = Counter.builder("atelier.outbox.relay.lock.releases")
                .description("Times a relay that kept failing let go of its lock for a standby")
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
        Gauge.builder("atelier.outbox.oldest.pending.age", this, r -> r.oldestPendingAge().toMillis() / 1000.0)
                .description("Age of the oldest outbox row not yet relayed (0 when none)")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("atelier.outbox.relay.slot.lag", this, r -> {
                    Long lag = r.slotLagBytes();
                    return lag == null ? Double.NaN : lag;
                })
                .description("WAL the database keeps for the relay's slot: current position minus confirmed flush")
                .baseUnit("bytes")
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

    private void closeQuietly(DebeziumEngine<RecordChangeEvent<SourceRecord>> running) {
        try {
            running.close();
        } catch (IOException e) {
            log.warn("Outbox relay {} did not close cleanly", settings.name(), e);
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
        try {
            // sticky: a republish that failed after the slot was created is done again on the next start
            republishOnStart = republishOnStart || slotIsNew();
            if (republishOnStart) {
                // the stored position lies in WAL the new slot cannot reach: Debezium would refuse to start from it
                jdbc.update("DELETE FROM outbox_relay_offset WHERE relay = ?", settings.name());
            }
        } catch (RuntimeException e) {
            fail("cannot read the replication slot's state: " + e.getMessage(), e);
            return;
        }
        state = RelayState.STARTING;
        producer = producerFactory.get();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> created = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineProperties(republishOnStart ? "no_data" : "initial"))
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
        return engineProperties("initial");
    }

    /**
     * @param snapshotMode {@code initial} reads the outbox once when there is no position yet; {@code no_data} when
     *        the pending rows are republished through the WAL instead (a new slot)
     */
    Properties engineProperties(String snapshotMode) {
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
        if (settings.sslMode() != null) {
            props.setProperty("database.sslmode", settings.sslMode());
        }
        if (settings.sslRootCert() != null) {
            props.setProperty("database.sslrootcert", settings.sslRootCert());
        }
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", settings.slotName());
        props.setProperty("publication.name", "atelier_outbox");
        props.setProperty("publication.autocreate.mode", "disabled");
        props.setProperty("table.include.list", settings.schema() + ".outbox," + settings.schema()
                + ".outbox_relay_heartbeat");
        props.setProperty("snapshot.mode", snapshotMode);
        props.setProperty("poll.interval.ms", String.valueOf(settings.pollInterval().toMillis()));
        props.setProperty("max.batch.size", String.valueOf(settings.maxBatchSize()));
        props.setProperty("max.queue.size", String.valueOf(settings.maxBatchSize() * 4));
        props.setProperty("offset.flush.interval.ms", String.valueOf(settings.offsetFlushInterval().toMillis()));
        props.setProperty("offset.storage", JdbcOffsetBackingStore.class.getName());
        props.setProperty(JdbcOffsetBackingStore.URL, settings.jdbcUrl());
        props.setProperty(JdbcOffsetBackingStore.USER, settings.user());
        props.setProperty(JdbcOffsetBackingStore.PASSWORD, settings.password());
        props.setProperty(JdbcOffsetBackingStore.RELAY, settings.name());
        // the heartbeat inserts a row into a published table of its own every interval: a change the relay
        // acknowledges when no event is published, so that the slot advances; its records pass the router untouched
        props.setProperty("heartbeat.interval.ms", String.valueOf(settings.heartbeatInterval().toMillis()));
        String heartbeats = settings.schema() + ".outbox_relay_heartbeat";
        props.setProperty("heartbeat.action.query", "WITH gone AS (DELETE FROM " + heartbeats
                + " WHERE beat_at < now() - interval '1 minute') INSERT INTO " + heartbeats + " (relay) VALUES ('"
                + settings.name().replace("'", "''") + "')");
        props.setProperty("topic.heartbeat.prefix", HEARTBEAT_PREFIX);
        props.setProperty("predicates", "outboxTable");
        props.setProperty("predicates.outboxTable.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        props.setProperty("predicates.outboxTable.pattern",
                Pattern.quote(settings.slotName() + "." + settings.schema() + ".outbox"));
        props.setProperty("transforms", "outbox");
        props.setProperty("transforms.outbox.predicate", "outboxTable");
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
            // heartbeats (Debezium's own and the beats of the action query) only move the position: acknowledged, not sent
            if (source.value() == null || source.topic().startsWith(HEARTBEAT_PREFIX)
                    || source.topic().endsWith(".outbox_relay_heartbeat")) {
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
        if (republishOnStart) {
            try {
                republishPendingRows();
                republishOnStart = false;
            } catch (RuntimeException e) {
                log.error("Outbox relay {} could not publish its pending rows again; restarting to retry",
                        settings.name(), e);
                DebeziumEngine<RecordChangeEvent<SourceRecord>> running = engine;
                if (running != null) {
                    restarts.execute(() -> closeQuietly(running));
                }
                return;
            }
        }
        state = RelayState.RUNNING;
        lastError = null;
        log.info("Outbox relay {} is streaming", settings.name());
    }

    /**
     * Whether the slot is about to be created although the relay streamed before (it has offsets): a failover to
     * a server without the slot, an upgrade, an operator who dropped it. The WAL of the rows still in the outbox
     * is then out of the new slot's reach.
     */
    private boolean slotIsNew() {
        if (slotExists()) {
            return false;
        }
        Integer offsets = jdbc.queryForObject("SELECT count(*) FROM outbox_relay_offset WHERE relay = ?", Integer.class,
                settings.name());
        // without offsets the engine's initial snapshot reads the whole outbox anyway
        return offsets != null && offsets > 0;
    }

    private boolean slotExists() {
        Integer slots = jdbc.queryForObject("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?",
                Integer.class, settings.slotName());
        return slots != null && slots > 0;
    }

    /**
     * Makes every row still in the outbox appear in the write-ahead log again, after the new slot's start (the
     * engine created it before reporting the task started; its old position was forgotten and it takes no
     * snapshot): the rows are moved out and back in one transaction, each with its id, so consumers recognise what
     * they already applied. The table holds only unacknowledged rows, so this is cheap; it may resend, never lose.
     */
    private void republishPendingRows() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!slotExists()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("slot " + settings.slotName() + " was not created within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for slot " + settings.slotName(), e);
            }
        }
        Integer moved = jdbc.queryForObject("""
                WITH pending AS (DELETE FROM outbox RETURNING *),
                     again AS (INSERT INTO outbox SELECT * FROM pending RETURNING 1)
                SELECT count(*) FROM again""", Integer.class);
        int count = moved == null ? 0 : moved;
        republished.increment(count);
        log.warn("Outbox relay {} found its slot {} new: {} pending outbox rows published again", settings.name(),
                settings.slotName(), count);
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
        log.error("Outbox relay {} stopped unexpectedly ({}); events wait in the outbox, restarting in {}",
                settings.name(), reason, backoff, error);
        if (failures >= settings.releaseLockAfterFailures() && leadership != null) {
            log.warn("Outbox relay {} failed {} times in a row: releasing its lock so that a standby can take over",
                    settings.name(), failures);
            releaseLeadership();
            lockReleases.increment();
        }
        scheduleLaunch(backoff);
    }

    /** Failures in a row since the relay last streamed a batch or started. */
    public int consecutiveFailures() {
        return consecutiveFailures;
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

    /** WAL retained for the slot, in bytes; null when the slot does not exist or the database cannot be asked. */
    public @Nullable Long slotLagBytes() {
        try {
            return jdbc.query("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint "
                    + "FROM pg_replication_slots WHERE slot_name = ?", rs -> rs.next() ? rs.getLong(1) : null,
                    settings.slotName());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** How long the oldest unrelayed outbox row has waited; zero when the outbox is empty. */
    public Duration oldestPendingAge() {
        try {
            Long millis = jdbc.queryForObject("SELECT coalesce((EXTRACT(EPOCH FROM now() - min(created_at)) * 1000)"
                    + "::bigint, 0) FROM outbox", Long.class);
            return Duration.ofMillis(millis == null ? 0 : Math.max(0, millis));
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
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
