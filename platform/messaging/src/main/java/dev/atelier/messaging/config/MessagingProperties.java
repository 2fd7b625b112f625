package dev.atelier.messaging.config;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/** {@code atelier.messaging.*}: the outbox relay and the inbox consumer of a service. */
@ConfigurationProperties("atelier.messaging")
public record MessagingProperties(@DefaultValue Relay relay, @DefaultValue Inbox inbox) {

    /** The relay's (and its Debezium engine's) name: {@code relay.name}, else {@code spring.application.name}. */
    public String relayName(Environment environment) {
        return relay.name() != null ? relay.name() : applicationName(environment);
    }

    /**
     * The inbox's consumer group, which also names the service's dead-letter topics: {@code inbox.group-id}, else
     * {@code spring.application.name}.
     */
    public String groupId(Environment environment) {
        return inbox.groupId() != null ? inbox.groupId() : applicationName(environment);
    }

    private static String applicationName(Environment environment) {
        return environment.getProperty("spring.application.name", "atelier");
    }

    /**
     * The relay.
     *
     * @param enabled whether this instance streams its outbox (switched off in tests that play a second writer)
     * @param name relay and Debezium engine name; defaults to {@code spring.application.name}
     * @param slotName replication slot; defaults to {@code atelier_<database>}, unique in a PostgreSQL cluster
     * @param pollInterval how often the engine reads the replication stream and hands captured changes over; bounds
     *        latency at low load (a change waits up to about two intervals). Each interval costs CPU even when idle:
     *        Debezium 3.6's queue spins through the last millisecond of every interval, so 10ms burned about a tenth
     *        of a core per service doing nothing
     * @param maxBatchSize most records handed over at once; bounds memory and a crash's resend
     * @param offsetFlushInterval how often the position is saved; a crash resends at most this much
     * @param sendTimeout how long Kafka may take to acknowledge a batch before the relay fails and restarts
     * @param restartBackoff first wait before restarting a failed relay; doubles up to {@code maxRestartBackoff}
     * @param standbyPoll how often a standby instance tries to take over the relay
     * @param releaseLockAfterFailures failures in a row after which the relay lets go of its lock for a standby
     * @param heartbeatInterval how often the relay's heartbeat writes a row, so that its slot advances without events
     * @param connection where the relay streams from; what is left out comes from the datasource
     * @param debezium further Debezium connector properties, which win over the relay's own
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @Nullable String name,
            @Nullable String slotName,
            @DefaultValue("50ms") Duration pollInterval,
            @DefaultValue("2048") int maxBatchSize,
            @DefaultValue("1s") Duration offsetFlushInterval,
            @DefaultValue("30s") Duration sendTimeout,
            @DefaultValue("1s") Duration restartBackoff,
            @DefaultValue("30s") Duration maxRestartBackoff,
            @DefaultValue("5s") Duration standbyPoll,
            @DefaultValue("3") int releaseLockAfterFailures,
            @DefaultValue("10s") Duration heartbeatInterval,
            @DefaultValue RelayConnection connection,
            @DefaultValue Map<String, String> debezium) {
    }

    /**
     * The inbox consumer.
     *
     * @param enabled whether the service consumes at all
     * @param groupId consumer group; defaults to {@code spring.application.name}
     * @param concurrency consumers in this instance (each takes some partitions)
     * @param maxAttempts deliveries of a failing record before it is dead-lettered
     * @param batch apply each poll's records in one transaction (falls back to one by one when a record fails)
     * @param fetchMinSize how much a fetch waits for (Kafka's {@code fetch.min.bytes}), at most {@code fetchMaxWait}:
     *     under load a poll then brings several records, which a batch applies in one transaction
     * @param fetchMaxWait how long the broker may hold a fetch for {@code fetchMinSize} ({@code fetch.max.wait.ms}):
     *     what a record may wait at most when little comes
     * @param retention how long inbox rows are kept; must exceed the retention of every topic consumed
     * @param retentionCheck how often rows past the retention are deleted
     */
    public record Inbox(
            @DefaultValue("true") boolean enabled,
            @Nullable String groupId,
            @DefaultValue("1") int concurrency,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5s") Duration maxBackoff,
            @DefaultValue("false") boolean batch,
            @DefaultValue("4KB") DataSize fetchMinSize,
            @DefaultValue("20ms") Duration fetchMaxWait,
            @DefaultValue("30d") Duration retention,
            @DefaultValue("1h") Duration retentionCheck) {

        public Inbox {
            if (fetchMinSize.toBytes() < 1 || fetchMinSize.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("atelier.messaging.inbox.fetch-min-size must be between 1B and"
                        + " 2GB, not " + fetchMinSize);
            }
            if (fetchMaxWait.isNegative() || fetchMaxWait.toMillis() > Duration.ofSeconds(30).toMillis()) {
                throw new IllegalArgumentException("atelier.messaging.inbox.fetch-max-wait must be between 0 and 30s,"
                        + " not " + fetchMaxWait);
            }
        }
    }
}
