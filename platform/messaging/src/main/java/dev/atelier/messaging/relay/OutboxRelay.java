package dev.atelier.messaging.relay;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Streams the inserts of this service's {@code outbox} table to Kafka: a Debezium embedded engine reads the
 * write-ahead log ({@link RelayEngine}), the {@link RecordPublisher} produces each record with an idempotent
 * producer, deletes the captured rows and only then lets Debezium commit its offset. A crash anywhere may send a
 * record twice, never lose one.
 *
 * <p>This class is the relay's life: only one instance of a service streams, the one that holds the
 * {@link RelayLock}; the others wait in STANDBY and take over when the lock is free. When the engine fails (Kafka
 * away, the database away), the relay restarts with a growing back-off; the service keeps serving (its readiness is
 * not the relay's business: the outbox exists so that a broker outage does not stop the shop) and its state shows
 * in the {@code relay} health group ({@link OutboxRelayHealthIndicator}) and in its {@link RelayMeters}. After
 * {@code releaseLockAfterFailures} failures in a row it lets go of its lock, so that a standby replica that may fare
 * better can take over. A {@link ReplicationSlot} found new although the relay streamed before makes it write the
 * {@link OutboxBacklog} again, so that nothing still pending is stranded.
 *
 * <p>Public for what operators, tests and benchmarks observe (state, streaming, slot lag, oldest pending row);
 * {@link RelayAutoConfiguration} creates it.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final RelaySettings settings;
    private final RelayLock lock;
    private final RelayEngine engines;
    private final RecordPublisher publisher;
    private final ReplicationSlot slot;
    private final OutboxBacklog backlog;
    private final RelayMeters meters;

    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("outbox-relay-restart").factory());
    private volatile @Nullable ExecutorService engineThread;
    private volatile @Nullable DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile @Nullable ScheduledFuture<?> watchdog;
    private volatile RelayState state = RelayState.STOPPED;
    private volatile boolean stopping;
    private volatile @Nullable String lastError;
    private volatile int consecutiveFailures;
    private volatile boolean republishOnStart;
    // bumped by stop(): a restart scheduled before it must not launch a second engine after a new start()
    private volatile int generation;

    OutboxRelay(RelaySettings settings, Supplier<Producer<String, String>> producerFactory, JdbcTemplate jdbc,
            MeterRegistry meterRegistry) {
        this.settings = settings;
        this.lock = new RelayLock(settings);
        this.engines = new RelayEngine(settings);
        this.slot = new ReplicationSlot(settings, jdbc);
        this.backlog = new OutboxBacklog(jdbc);
        this.meters = new RelayMeters(meterRegistry, () -> state == RelayState.RUNNING, backlog, slot);
        this.publisher = new RecordPublisher(producerFactory, jdbc, settings.sendTimeout(), meters,
                new VisibilityGate(settings.name(), jdbc, meters::visibilityWait));
    }

    @Override
    public synchronized void start() {
        if (state != RelayState.STOPPED) {
            return;
        }
        stopping = false;
        long every = settings.standbyPoll().toMillis();
        watchdog = restarts.scheduleWithFixedDelay(this::watchLock, every, every, TimeUnit.MILLISECONDS);
        launch(generation);
    }

    /**
     * The lock lives in a session of its own: if that session dies while the engine streams (a database failover,
     * an idle connection cut), another replica may take the lock, so this one restarts to take it again or stand by.
     */
    private void watchLock() {
        if (state != RelayState.RUNNING || stopping) {
            return;
        }
        DebeziumEngine<RecordChangeEvent<SourceRecord>> running = engine;
        if (!lock.isAlive() && running != null) {
            log.warn("Outbox relay {} lost its lock session; restarting to take the lock again", settings.name());
            closeQuietly(running);
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
            if (!lock.hold()) {
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
            republishOnStart = republishOnStart || slot.isNew();
            if (republishOnStart) {
                slot.forgetPosition();
            }
        } catch (RuntimeException e) {
            fail("cannot read the replication slot's state: " + e.getMessage(), e);
            return;
        }
        state = RelayState.STARTING;
        publisher.open();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> created = engines.create(
                republishOnStart ? "no_data" : "initial", this::onStarted, this::onCompleted, this::publish);
        engine = created;
        ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("outbox-relay-" + settings.name()).factory());
        engineThread = thread;
        thread.execute(created);
        log.info("Outbox relay {} starting (slot {}, database {})", settings.name(), settings.slotName(),
                settings.database());
    }

    private void publish(List<RecordChangeEvent<SourceRecord>> batch,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        publisher.publish(batch, committer);
        consecutiveFailures = 0;
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
     * Makes every row still in the outbox appear in the write-ahead log again, after the new slot's start (the
     * engine created it before reporting the task started; its old position was forgotten and it takes no
     * snapshot), so that consumers get what the lost slot never delivered and recognise what they already applied.
     * The table holds only unacknowledged rows, so this is cheap; it may resend, never lose.
     */
    private void republishPendingRows() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!slot.exists()) {
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
        int count = backlog.writeAgain();
        meters.republished(count);
        log.warn("Outbox relay {} found its slot {} new: {} pending outbox rows published again", settings.name(),
                settings.slotName(), count);
    }

    private synchronized void onCompleted(boolean success, String message, @Nullable Throwable error) {
        publisher.close();
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
        meters.failed();
        state = RelayState.FAILED;
        lastError = reason;
        int failures = ++consecutiveFailures;
        Duration backoff = backoff(failures);
        log.error("Outbox relay {} stopped unexpectedly ({}); events wait in the outbox, restarting in {}",
                settings.name(), reason, backoff, error);
        if (failures >= settings.releaseLockAfterFailures() && lock.isTaken()) {
            log.warn("Outbox relay {} failed {} times in a row: releasing its lock so that a standby can take over",
                    settings.name(), failures);
            lock.release();
            meters.lockReleased();
        }
        scheduleLaunch(backoff);
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
            closeQuietly(running);
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
        publisher.close();
        lock.release();
        engine = null;
        engineThread = null;
        state = RelayState.STOPPED;
        log.info("Outbox relay {} stopped", settings.name());
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

    /** Why the relay last failed; null while it streams or stands by. */
    public @Nullable String lastError() {
        return lastError;
    }

    /** Failures in a row since the relay last streamed a batch or started. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The replication slot the relay streams, unique in its PostgreSQL cluster. */
    public String slotName() {
        return settings.slotName();
    }

    /** Whether PostgreSQL reports the relay's replication slot as in use, i.e. changes are being streamed. */
    public boolean isStreaming() {
        return state == RelayState.RUNNING && slot.isActive();
    }

    /** WAL retained for the slot, in bytes; null when the slot does not exist or the database cannot be asked. */
    public @Nullable Long slotLagBytes() {
        return slot.lagBytes();
    }

    /** How long the oldest unrelayed outbox row has waited; zero when the outbox is empty. */
    public Duration oldestPendingAge() {
        return backlog.oldestAge();
    }

    RelaySettings settings() {
        return settings;
    }
}
