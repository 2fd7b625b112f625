package dev.atelier.messaging.relay;

import dev.atelier.events.EventHeaders;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The Debezium embedded engine of the relay: pgoutput on the relay's slot and the {@code atelier_outbox}
 * publication, the Outbox Event Router turning each row into a record for its topic (the row's id, type, version
 * and traceparent as headers), offsets in the service's own database, and a heartbeat that moves the slot along
 * when no event is published.
 */
final class RelayEngine {

    private static final String HEARTBEAT_PREFIX = "__atelier-relay-heartbeat";
    private static final String HEARTBEAT_TABLE = "outbox_relay_heartbeat";

    private final RelaySettings settings;

    RelayEngine(RelaySettings settings) {
        this.settings = settings;
    }

    /** Whether a record of this topic is a heartbeat (Debezium's own, or a beat of the action query). */
    static boolean isHeartbeat(String topic) {
        return topic.startsWith(HEARTBEAT_PREFIX) || topic.endsWith("." + HEARTBEAT_TABLE);
    }

    /**
     * A new engine, not yet running.
     *
     * @param snapshotMode {@code initial} reads the outbox once when there is no position yet; {@code no_data} when
     *        the pending rows are republished through the WAL instead (a new slot)
     */
    DebeziumEngine<RecordChangeEvent<SourceRecord>> create(String snapshotMode, Runnable taskStarted,
            DebeziumEngine.CompletionCallback completed,
            DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> batches) {
        return DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties(snapshotMode))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        taskStarted.run();
                    }
                })
                .using(completed)
                .notifying(batches)
                .build();
    }

    Properties properties(String snapshotMode) {
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
        props.setProperty("table.include.list", settings.schema() + ".outbox," + settings.schema() + "."
                + HEARTBEAT_TABLE);
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
        String heartbeats = settings.schema() + "." + HEARTBEAT_TABLE;
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
                "id:header:" + EventHeaders.EVENT_ID + ",type:header:" + EventHeaders.EVENT_TYPE
                        + ",version:header:" + EventHeaders.EVENT_VERSION + ",traceparent:header:" + EventHeaders.TRACEPARENT);
        props.setProperty("transforms.outbox.table.op.invalid.behavior", "error");
        props.setProperty("errors.max.retries", "3");
        props.setProperty("errors.retry.delay.initial.ms", "300");
        props.setProperty("retriable.restart.connector.wait.ms", "3000");
        props.putAll(settings.engineOverrides());
        return props;
    }
}
