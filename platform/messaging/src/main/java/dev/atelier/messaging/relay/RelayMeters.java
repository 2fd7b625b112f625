package dev.atelier.messaging.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** The relay's meters ({@code atelier.outbox.*}): what it published, how late, how often it failed, what waits. */
final class RelayMeters {

    private final Counter relayed;
    private final Counter failures;
    private final Counter lockReleases;
    private final Counter republished;
    private final Counter visibilityWaits;
    private final Timer lag;
    private final AtomicLong lastLagMillis = new AtomicLong();

    RelayMeters(MeterRegistry meters, BooleanSupplier running, OutboxBacklog backlog, ReplicationSlot slot) {
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
        this.visibilityWaits = Counter.builder("atelier.outbox.relay.visibility.waits")
                .description("Batches the relay held back because a transaction in them, though decoded from the "
                        + "write-ahead log, was not yet visible to other sessions")
                .register(meters);
        this.lag = Timer.builder("atelier.outbox.relay.lag")
                .description("Time from recording an outbox event to Kafka acknowledging it")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("atelier.outbox.relay.last.lag", lastLagMillis, AtomicLong::get)
                .description("Lag of the last relayed event, in milliseconds")
                .baseUnit("milliseconds")
                .register(meters);
        Gauge.builder("atelier.outbox.relay.running", running, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 while the relay streams, 0 when stopped or failed")
                .register(meters);
        Gauge.builder("atelier.outbox.pending", backlog, OutboxBacklog::pendingRows)
                .description("Outbox rows not yet relayed")
                .register(meters);
        Gauge.builder("atelier.outbox.oldest.pending.age", backlog, b -> b.oldestAge().toMillis() / 1000.0)
                .description("Age of the oldest outbox row not yet relayed (0 when none)")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("atelier.outbox.relay.slot.lag", slot, s -> {
                    Long bytes = s.lagBytes();
                    return bytes == null ? Double.NaN : bytes;
                })
                .description("WAL the database keeps for the relay's slot: current position minus confirmed flush")
                .baseUnit("bytes")
                .register(meters);
    }

    void relayed(int records) {
        relayed.increment(records);
    }

    /** One event's time from being recorded to being acknowledged by Kafka. */
    void lag(Duration waited) {
        lag.record(waited);
        lastLagMillis.set(waited.toMillis());
    }

    void failed() {
        failures.increment();
    }

    void lockReleased() {
        lockReleases.increment();
    }

    void republished(int rows) {
        republished.increment(rows);
    }

    void visibilityWait() {
        visibilityWaits.increment();
    }
}
