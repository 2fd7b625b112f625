package dev.atelier.messaging.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.atelier.events.EventHeaders;
import dev.atelier.messaging.config.RelayConnection;
import dev.atelier.testing.EmbeddedPostgresServer;
import com.zaxxer.hikari.HikariDataSource;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On the embedded PostgreSQL: the gate holds a transaction back while it is open and lets it pass once it
 * committed, and Debezium names each streamed transaction where the gate looks for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisibilityGateTest {

    // generous: these machines run several builds at once; a deadline, never a sleep
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private MessagingDatabase database;
    private String url;
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeAll
    void migrate() {
        database = MessagingDatabase.fresh("visibility");
        url = database.url;
        dataSource = database.dataSource;
        jdbc = database.jdbc;
    }

    @AfterAll
    void dropSlotAndClose() {
        jdbc.queryForList("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                + "WHERE database = current_database() AND NOT active");
        database.close();
    }

    /** Opens a transaction that has an id, and returns the low 32 bits of it, as the write-ahead log names it. */
    private static long openTransaction(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (ResultSet id = connection.createStatement().executeQuery("SELECT txid_current()")) {
            id.next();
            return id.getLong(1) & 0xFFFF_FFFFL;
        }
    }

    private static CompletableFuture<Void> awaitVisibleInTheBackground(VisibilityGate gate, long transaction,
            Duration timeout) {
        return CompletableFuture.runAsync(() -> {
            try {
                gate.awaitVisible(List.of(transaction), timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void letsACommittedTransactionPassWithoutWaiting() throws Exception {
        AtomicInteger waits = new AtomicInteger();
        VisibilityGate gate = new VisibilityGate("test", jdbc, waits::incrementAndGet);
        long transaction;
        try (Connection connection = dataSource.getConnection()) {
            transaction = openTransaction(connection);
            connection.commit();
        }

        gate.awaitVisible(List.of(transaction), DEADLINE);

        assertThat(waits).hasValue(0);
    }

    @Test
    void holdsATransactionBackWhileItIsOpenAndLetsItPassOnceItCommits() throws Exception {
        AtomicInteger waits = new AtomicInteger();
        VisibilityGate gate = new VisibilityGate("test", jdbc, waits::incrementAndGet);
        try (Connection connection = dataSource.getConnection()) {
            long transaction = openTransaction(connection);

            CompletableFuture<Void> passed = awaitVisibleInTheBackground(gate, transaction, DEADLINE);
            await("the gate waits").atMost(DEADLINE).until(() -> waits.get() == 1 || passed.isDone());
            assertThat(passed).as("the gate while the transaction is open").isNotDone();
            assertThat(waits).hasValue(1);

            connection.commit();
            await("the gate lets the transaction pass").atMost(DEADLINE).until(passed::isDone);
            passed.join();
        }
        assertThat(waits).hasValue(1);
    }

    @Test
    void failsWhenTheTransactionStaysInvisibleUntilTheDeadline() throws Exception {
        AtomicInteger waits = new AtomicInteger();
        VisibilityGate gate = new VisibilityGate("test", jdbc, waits::incrementAndGet);
        try (Connection connection = dataSource.getConnection()) {
            long transaction = openTransaction(connection);

            CompletableFuture<Void> passed = awaitVisibleInTheBackground(gate, transaction, Duration.ofMillis(300));
            await("the gate gives up").atMost(DEADLINE).until(passed::isDone);

            assertThatThrownBy(passed::join).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[" + transaction + "] were not visible within PT0.3S");
            connection.rollback();
        }
        assertThat(waits).hasValue(1);
    }

    /**
     * What the gate relies on, checked against the Debezium in use: a record streamed from the write-ahead log
     * carries its transaction's 32-bit id in the source offset ({@code txId}), also after the Outbox Event Router
     * replaced its value; a record of the initial snapshot is marked as such and needs no check.
     */
    @Test
    void debeziumNamesEachStreamedTransactionInTheSourceOffset() throws Exception {
        UUID before = UUID.randomUUID();
        insertOutboxRow(jdbc, before);
        RelaySettings settings = RelaySettings.resolve("visibility-test", url, EmbeddedPostgresServer.USER, "",
                RelayConnection.fromDatasource(), null,
                new RelaySettings.Pacing(Duration.ofMillis(10), 2048, Duration.ofSeconds(1), Duration.ofSeconds(30),
                        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ofSeconds(10)),
                Map.of());
        List<SourceRecord> received = new CopyOnWriteArrayList<>();
        DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> collect = (batch, committer) -> {
            for (RecordChangeEvent<SourceRecord> change : batch) {
                received.add(change.record());
                committer.markProcessed(change);
            }
            committer.markBatchFinished();
        };
        DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = new RelayEngine(settings).create("initial", () -> { },
                (success, message, error) -> { }, collect);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.execute(engine);
            SourceRecord snapshotted = await("the snapshot's record").atMost(DEADLINE)
                    .until(() -> recordOf(received, before), record -> record != null);
            assertThat(snapshotted.sourceOffset()).containsKey(VisibilityGate.SNAPSHOT);
            assertThat(VisibilityGate.transactionOf(snapshotted)).isNull();

            UUID streamed = UUID.randomUUID();
            long transaction;
            try (Connection connection = dataSource.getConnection()) {
                transaction = openTransaction(connection);
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setObject(1, streamed);
                    insert.executeUpdate();
                }
                connection.commit();
            }
            SourceRecord record = await("the streamed record").atMost(DEADLINE)
                    .until(() -> recordOf(received, streamed), found -> found != null);

            assertThat(record.sourceOffset()).doesNotContainKey(VisibilityGate.SNAPSHOT);
            assertThat(record.sourceOffset().get(VisibilityGate.TRANSACTION_ID)).isEqualTo(transaction);
            assertThat(VisibilityGate.transactionOf(record)).isEqualTo(transaction);
        } finally {
            engine.close();
            thread.shutdown();
            assertThat(thread.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    private static final String INSERT = """
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, payload)
            VALUES (?, 'visibility.test', 'key', 'Ping', 1, '{}'::json)""";

    private static void insertOutboxRow(JdbcTemplate jdbc, UUID id) {
        jdbc.update(INSERT, id);
    }

    private static @Nullable SourceRecord recordOf(List<SourceRecord> received, UUID eventId) {
        for (SourceRecord record : received) {
            Header header = record.headers().lastWithName(EventHeaders.EVENT_ID);
            if (header != null && eventId.toString().equals(String.valueOf(header.value()))) {
                return record;
            }
        }
        return null;
    }
}
