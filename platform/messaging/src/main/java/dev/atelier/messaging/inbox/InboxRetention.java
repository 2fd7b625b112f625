package dev.atelier.messaging.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes inbox rows older than the retention window, so that the inbox does not grow forever. The window must
 * exceed the retention of every topic the service consumes (Kafka's default is 7 days): an event older than the
 * window can no longer be redelivered, so forgetting its id cannot lead to applying it twice.
 *
 * <p>One replica at a time: each run takes a transaction-scoped PostgreSQL advisory lock (the same guarantee
 * ShedLock gives the services' jobs, without a lock table of the platform's own), and others skip the run. Rows
 * go in batches, each in a transaction of its own, so that a large backlog never holds locks for long.
 */
public class InboxRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Duration retention;
    private final Duration every;
    private final Counter deleted;
    private volatile @Nullable ScheduledExecutorService scheduler;

    InboxRetention(JdbcTemplate jdbc, TransactionTemplate transactions, Duration retention, Duration every,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.retention = retention;
        this.every = every;
        this.deleted = Counter.builder("atelier.inbox.retention.deleted")
                .description("Inbox rows deleted after the retention window")
                .register(meters);
    }

    /**
     * Deletes the rows processed before the window, in batches; returns how many, or -1 when another replica
     * is doing it right now.
     */
    public long purge() {
        long total = 0;
        while (true) {
            Integer batch = transactions.execute(status -> {
                Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('atelier-inbox-retention'))",
                        Boolean.class);
                if (!Boolean.TRUE.equals(locked)) {
                    return null;
                }
                return jdbc.update("""
                        DELETE FROM inbox WHERE event_id IN (
                            SELECT event_id FROM inbox WHERE processed_at < now() - make_interval(secs => ?) LIMIT ?)""",
                        (double) retention.toSeconds(), BATCH);
            });
            if (batch == null) {
                return total == 0 ? -1 : total;
            }
            total += batch;
            deleted.increment(batch);
            if (batch < BATCH) {
                if (total > 0) {
                    log.info("Inbox retention deleted {} rows processed more than {} ago", total, retention);
                }
                return total;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ScheduledExecutorService created = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("atelier-inbox-retention").factory());
        created.scheduleWithFixedDelay(this::purgeQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = created;
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("Inbox retention failed; it tries again in {}: {}", every, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
