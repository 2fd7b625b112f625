package dev.atelier.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.atelier.events.EventHeaders;
import dev.atelier.events.EventJson;
import dev.atelier.messaging.inbox.InboxListener;
import dev.atelier.messaging.inbox.InboxRetention;
import dev.atelier.messaging.it.TestEvents.Ping;
import dev.atelier.messaging.it.TestEvents.Poison;
import dev.atelier.messaging.it.TestEvents.Skipped;
import dev.atelier.messaging.it.TestEvents.Unhandled;
import dev.atelier.messaging.it.consumer.ConsumerApp;
import dev.atelier.messaging.it.consumer.PingEffects;
import dev.atelier.messaging.it.producer.PingWriter;
import dev.atelier.messaging.it.producer.ProducerApp;
import dev.atelier.messaging.relay.OutboxRelay;
import dev.atelier.messaging.relay.RelayState;
import dev.atelier.testing.EmbeddedPostgresServer;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's delivery promise, end to end on the embedded PostgreSQL and Kafka: a producer application
 * records events in its outbox, its Debezium relay publishes them, and a consumer application with its own
 * database applies each exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxToInboxTest {

    // generous: these machines run several builds at once; a deadline, never a sleep
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    private static String producerDatabase;
    private static ConfigurableApplicationContext producer;
    private static ConfigurableApplicationContext consumer;
    private static PingWriter writer;
    private static OutboxRelay relay;
    private static JdbcTemplate producerDb;
    private static JdbcTemplate consumerDb;
    private static PingEffects effects;

    /** Whether the consumer applies each poll in one transaction; the subclass runs every case in batch mode. */
    boolean batchInbox() {
        return false;
    }

    @BeforeAll
    void startApplications() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        infrastructure.kafka().createTopics(TestEvents.TOPIC, TestEvents.DEAD_LETTERS);
        producerDatabase = infrastructure.freshDatabase("producer");
        producer = TestApps.start(ProducerApp.class,
                TestApps.settings("producer", producerDatabase, "classpath:db/producer"));
        Map<String, Object> consumerSettings = TestApps.settings("consumer", infrastructure.freshDatabase("consumer"),
                "classpath:db/consumer");
        consumerSettings.put("atelier.messaging.inbox.batch", String.valueOf(batchInbox()));
        consumer = TestApps.start(ConsumerApp.class, consumerSettings);
        writer = producer.getBean(PingWriter.class);
        relay = producer.getBean(OutboxRelay.class);
        producerDb = producer.getBean(JdbcTemplate.class);
        consumerDb = consumer.getBean(JdbcTemplate.class);
        effects = consumer.getBean(PingEffects.class);
        awaitStreaming();
    }

    @AfterAll
    void stopApplications() {
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    /**
     * The relay's and the retention's cases do not depend on how the consumer applies a poll: they run in the
     * record-mode class only, which keeps the module's test time down.
     */
    private void relayOrRetentionCaseRunsOnce() {
        Assumptions.assumeFalse(batchInbox(), "covered by OutboxToInboxTest");
    }

    private static void awaitStreaming() {
        await("the relay streams").atMost(DEADLINE).until(relay::isStreaming);
    }

    private static String newRun() {
        return UUID.randomUUID().toString();
    }

    private static Ping ping(String run, String key, long seq) {
        return new Ping(UUID.randomUUID(), key, seq, run);
    }

    private static int effectsOf(UUID pingId) {
        return consumerDb.queryForObject("SELECT count(*) FROM ping_effect WHERE ping_id = ?", Integer.class, pingId);
    }

    private static int effectsOfRun(String run) {
        return consumerDb.queryForObject("SELECT count(*) FROM ping_effect WHERE run = ?", Integer.class, run);
    }

    private static int distinctEffectsOfRun(String run) {
        return consumerDb.queryForObject("SELECT count(DISTINCT ping_id) FROM ping_effect WHERE run = ?", Integer.class, run);
    }

    /** Writes a ping and waits until it is applied: everything published before it on its key is processed. */
    private static void awaitSentinel(String key) {
        Ping sentinel = ping(newRun(), key, 0);
        writer.write(List.of(sentinel));
        await("sentinel applied").atMost(DEADLINE).until(() -> effectsOf(sentinel.id()) == 1);
    }

    private static double inboxCount(String outcome) {
        var counter = consumer.getBean(MeterRegistry.class).find("atelier.inbox.events")
                .tags("event", "Ping.v1", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @Order(1)
    void appliesACommittedEventExactlyOnce() {
        Ping ping = ping(newRun(), "a", 1);
        writer.write(List.of(ping));

        await().atMost(DEADLINE).until(() -> effectsOf(ping.id()) == 1);
        awaitSentinel("a");
        assertThat(effectsOf(ping.id())).isEqualTo(1);
        assertThat(consumerDb.queryForObject("SELECT count(*) FROM inbox WHERE event_type = 'Ping.v1'", Integer.class))
                .isGreaterThanOrEqualTo(2);
        await("captured rows are deleted from the outbox").atMost(DEADLINE)
                .until(() -> producerDb.queryForObject("SELECT count(*) FROM outbox", Integer.class) == 0);
    }

    @Test
    @Order(2)
    void appliesOnceWhenTheConsumerFailsAfterItsEffect() {
        Ping ping = ping(newRun(), "b", 1);
        effects.failOnceAfterEffect(ping.id());
        writer.write(List.of(ping));

        await().atMost(DEADLINE).until(() -> effectsOf(ping.id()) == 1);
        awaitSentinel("b");
        assertThat(effectsOf(ping.id())).isEqualTo(1);
    }

    @Test
    @Order(3)
    void ignoresTheSameRecordDeliveredTwice() {
        try (EventProbe probe = EventProbe.on(TestEvents.TOPIC)) {
            Ping ping = ping(newRun(), "c", 1);
            writer.write(List.of(ping));
            await().atMost(DEADLINE).until(() -> effectsOf(ping.id()) == 1);
            ConsumerRecord<String, String> published = probe.awaitRecords(1,
                    r -> r.value().contains(ping.id().toString()), DEADLINE).getFirst();
            double duplicatesBefore = inboxCount("duplicate");

            try (var kafka = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.get().kafka().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                kafka.send(new ProducerRecord<>(published.topic(), null, published.key(), published.value(),
                        published.headers()));
                kafka.flush();
            }

            await("the redelivery is recognised").atMost(DEADLINE).until(() -> inboxCount("duplicate") > duplicatesBefore);
            awaitSentinel("c");
            assertThat(effectsOf(ping.id())).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void publishesNothingForARolledBackTransaction() {
        try (EventProbe probe = EventProbe.on(TestEvents.TOPIC)) {
            Ping doomed = ping(newRun(), "d", 1);
            assertThatThrownBy(() -> writer.writeThenFail(doomed)).isInstanceOf(IllegalStateException.class);

            awaitSentinel("d");
            assertThat(effectsOf(doomed.id())).isZero();
            assertThat(probe.records()).noneMatch(r -> r.value().contains(doomed.id().toString()));
            assertThat(producerDb.queryForObject("SELECT count(*) FROM sent", Integer.class)).isPositive();
        }
    }

    @Test
    @Order(5)
    void refusesToRecordOutsideATransaction() {
        var outbox = producer.getBean(dev.atelier.messaging.outbox.Outbox.class);
        assertThatThrownBy(() -> outbox.record(ping(newRun(), "e", 1)))
                .hasMessageContaining("needs the business transaction");
    }

    @Test
    @Order(6)
    void deliversEverythingCommittedWhileTheRelayWasStoppedInOrderPerKey() {
        String run = newRun();
        relay.stop();
        try {
            List<String> keys = IntStream.range(0, 10).mapToObj(i -> "k" + i).toList();
            for (int batch = 0; batch < 100; batch++) {
                List<Ping> pings = new ArrayList<>();
                for (String key : keys) {
                    pings.add(ping(run, key, batch));
                }
                writer.write(pings);
            }
            assertThat(producerDb.queryForObject("SELECT count(*) FROM outbox", Integer.class)).isEqualTo(1000);
        } finally {
            relay.start();
        }

        await("all 1000 applied").atMost(DEADLINE).until(() -> effectsOfRun(run) >= 1000);
        awaitSentinel("k0");
        assertThat(effectsOfRun(run)).isEqualTo(1000);
        assertThat(distinctEffectsOfRun(run)).isEqualTo(1000);
        for (int k = 0; k < 10; k++) {
            List<Long> seqs = consumerDb.queryForList(
                    "SELECT seq FROM ping_effect WHERE run = ? AND ping_key = ? ORDER BY id", Long.class, run, "k" + k);
            assertThat(seqs).as("key k%d in order", k).isSorted().hasSize(100);
        }
    }

    @Test
    @Order(7)
    void loosesNothingAndAppliesNothingTwiceWhenTheRelayIsKilledDuringABurst() throws Exception {
        String run = newRun();
        relay.stop();
        // the child saves its position only once a minute: everything it sent before the kill is sent again
        Process child = startRelayInChildJvm("--atelier.messaging.relay.offset-flush-interval=60s");
        try (EventProbe probe = EventProbe.on(TestEvents.TOPIC)) {
            try {
                await("the child relay streams").atMost(Duration.ofSeconds(240))
                        .until(() -> slotActive() && child.isAlive());

                CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
                    for (int batch = 0; batch < 100; batch++) {
                        List<Ping> pings = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            pings.add(ping(run, "burst" + (i % 20), batch * 50L + i));
                        }
                        writer.write(pings);
                    }
                });
                await("part of the burst is relayed").atMost(DEADLINE)
                        .until(() -> probe.records().stream().filter(r -> r.value().contains(run)).count() >= 500);
                child.destroyForcibly().waitFor();
                long relayedBeforeKill = probe.records().stream().filter(r -> r.value().contains(run)).count();
                burst.get();
                assertThat(relayedBeforeKill).as("killed mid-burst").isLessThan(5000);
            } finally {
                child.destroyForcibly();
                relay.start();
            }

            await("all 5000 applied").atMost(DEADLINE).until(() -> distinctEffectsOfRun(run) == 5000);
            awaitSentinel("burst0");
            List<String> published = probe.records().stream().filter(r -> r.value().contains(run))
                    .map(r -> EventProbe.header(r, EventHeaders.EVENT_ID)).toList();
            assertThat(new HashSet<>(published)).as("every event published").hasSize(5000);
            assertThat(published.size()).as("what the killed relay had sent went out again: duplicates on the topic")
                    .isGreaterThan(5000);
        }
        assertThat(effectsOfRun(run)).as("no effect applied twice").isEqualTo(5000);
        await("the outbox drains").atMost(DEADLINE)
                .until(() -> producerDb.queryForObject("SELECT count(*) FROM outbox", Integer.class) == 0);
    }

    private static boolean slotActive() {
        return Boolean.TRUE.equals(producerDb.query("SELECT active FROM pg_replication_slots WHERE slot_name = ?",
                rs -> rs.next() && rs.getBoolean(1), relay.slotName()));
    }

    private static Process startRelayInChildJvm(String... extraArguments) throws Exception {
        Path log = Files.createTempFile("child-relay", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ProducerApp.class.getName()));
        TestApps.settings("producer", producerDatabase, "classpath:db/producer")
                .forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--spring.main.web-application-type=none");
        command.add("--atelier.messaging.inbox.enabled=false");
        command.addAll(List.of(extraArguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    @Order(8)
    void deadLettersAPoisonEventAfterTheConfiguredAttemptsAndGoesOn() {
        try (EventProbe dlt = EventProbe.on(TestEvents.DEAD_LETTERS)) {
            Poison poison = new Poison(UUID.randomUUID(), "p");
            Ping after = ping(newRun(), "p", 2);
            writer.write(List.of(poison, after));

            ConsumerRecord<String, String> dead = dlt.awaitRecords(1,
                    r -> r.value().contains(poison.id().toString()), DEADLINE).getFirst();
            assertThat(EventProbe.header(dead, EventHeaders.EVENT_TYPE)).isEqualTo("Poison");
            assertThat(EventProbe.header(dead, EventHeaders.EVENT_ID)).isNotBlank();
            assertThat(EventProbe.header(dead, EventHeaders.DEAD_LETTER_ATTEMPTS)).isEqualTo("3");
            assertThat(EventProbe.header(dead, EventHeaders.DEAD_LETTER_REASON)).contains("can never be applied");
            assertThat(EventProbe.header(dead, "kafka_dlt-exception-fqcn")).isNotBlank();
            assertThat(EventProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo(TestEvents.TOPIC);
            if (batchInbox()) {
                // each delivery runs the handler in the batch and again alone
                assertThat(effects.poisonAttempts()).isBetween(3, 6);
            } else {
                assertThat(effects.poisonAttempts()).isEqualTo(3);
            }
            await("the next event is applied").atMost(DEADLINE).until(() -> effectsOf(after.id()) == 1);
        }
    }

    @Test
    @Order(9)
    void deadLettersAnEventWithoutHandlerAtOnceAndSkipsDeclaredIgnoredOnes() {
        try (EventProbe dlt = EventProbe.on(TestEvents.DEAD_LETTERS)) {
            Unhandled unhandled = new Unhandled(UUID.randomUUID(), "u");
            Skipped skipped = new Skipped(UUID.randomUUID(), "u");
            writer.write(List.of(unhandled, skipped));

            ConsumerRecord<String, String> dead = dlt.awaitRecords(1,
                    r -> r.value().contains(unhandled.id().toString()), DEADLINE).getFirst();
            assertThat(EventProbe.header(dead, EventHeaders.DEAD_LETTER_ATTEMPTS)).isEqualTo("1");
            assertThat(EventProbe.header(dead, EventHeaders.DEAD_LETTER_REASON)).contains("no @EventHandler for Unhandled.v1");
            awaitSentinel("u");
            assertThat(dlt.records()).noneMatch(r -> r.value().contains(skipped.id().toString()));
        }
    }

    @Test
    @Order(10)
    void continuesTheProducersTraceInTheConsumer() {
        Tracer tracer = producer.getBean(Tracer.class);
        Ping ping = ping(newRun(), "t", 1);
        Span span = tracer.nextSpan().name("checkout").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            writer.write(List.of(ping));
        } finally {
            span.end();
        }

        await().atMost(DEADLINE).until(() -> effectsOf(ping.id()) == 1);
        String traceId = consumerDb.queryForObject("SELECT trace_id FROM ping_effect WHERE ping_id = ?", String.class,
                ping.id());
        assertThat(traceId).isEqualTo(span.context().traceId());
    }

    /**
     * The services sample one trace in ten: an unsampled request must still put its trace id in its log lines and carry
     * it across the hop, or the logs of nine checkouts in ten could not be followed from service to service.
     */
    @Test
    @Order(10)
    void continuesAnUnsampledTraceTooAndItsLogLinesCarryTheTraceId() {
        Tracer tracer = producer.getBean(Tracer.class);
        Ping ping = ping(newRun(), "u", 1);
        var unsampled = tracer.traceContextBuilder().traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .spanId("00f067aa0ba902b7").sampled(false).build();
        Span span = tracer.spanBuilder().setParent(unsampled).name("checkout").start();
        String logged;
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            logged = org.slf4j.MDC.get("traceId");
            writer.write(List.of(ping));
        } finally {
            span.end();
        }

        assertThat(span.context().sampled()).as("the span follows its unsampled parent").isNotEqualTo(Boolean.TRUE);
        assertThat(logged).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        await().atMost(DEADLINE).until(() -> effectsOf(ping.id()) == 1);
        assertThat(consumerDb.queryForObject("SELECT trace_id FROM ping_effect WHERE ping_id = ?", String.class,
                ping.id())).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    @Order(11)
    void keepsReadinessUpAndReportsTheRelayDownInItsOwnHealthWhileItCannotStreamAndReleasesItsLock() throws Exception {
        relayOrRetentionCaseRunsOnce();
        String database = SharedInfrastructure.get().freshDatabase("twin");
        String slot = "taken_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> settings = TestApps.settings("producer-twin", database, "classpath:db/producer");
        settings.put("atelier.messaging.relay.slot-name", slot);
        settings.put("atelier.messaging.inbox.enabled", "false");
        try (var admin = DriverManager.getConnection(database, EmbeddedPostgresServer.USER, "")) {
            admin.createStatement().execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        }
        SlotSquatter squatter = SlotSquatter.occupy(database, slot);
        try (ConfigurableApplicationContext twin = TestApps.start(ProducerApp.class, settings)) {
            ApplicationAvailability availability = twin.getBean(ApplicationAvailability.class);
            OutboxRelay twinRelay = twin.getBean(OutboxRelay.class);
            var relayHealth = twin.getBean("outboxRelayHealthIndicator", HealthIndicator.class);
            var lockReleases = twin.getBean(MeterRegistry.class).counter("atelier.outbox.relay.lock.releases");

            await("the twin's relay fails again and again: another client streams its slot").atMost(DEADLINE)
                    .until(() -> twinRelay.state() == RelayState.FAILED && twinRelay.consecutiveFailures() >= 3);
            assertThat(relayHealth.health().getStatus().getCode()).isEqualTo("DOWN");
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
            await("after three failures in a row it lets go of its lock").atMost(DEADLINE)
                    .until(() -> lockReleases.count() >= 1);

            squatter.close();
            await("the relay recovers once the slot is free").atMost(DEADLINE)
                    .until(() -> twinRelay.state() == RelayState.RUNNING);
            assertThat(relayHealth.health().getStatus().getCode()).isEqualTo("UP");
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
            twinRelay.stop();
        } finally {
            squatter.close();
        }
    }

    @Test
    @Order(12)
    void aSecondInstanceWaitsOnStandbyAndTakesOverWhenTheFirstStops() {
        relayOrRetentionCaseRunsOnce();
        Map<String, Object> settings = TestApps.settings("producer", producerDatabase, "classpath:db/producer");
        settings.put("atelier.messaging.inbox.enabled", "false");
        settings.put("atelier.messaging.relay.standby-poll", "200ms");
        try (ConfigurableApplicationContext second = TestApps.start(ProducerApp.class, settings)) {
            OutboxRelay secondRelay = second.getBean(OutboxRelay.class);
            ApplicationAvailability availability = second.getBean(ApplicationAvailability.class);
            await("the second instance is on standby").atMost(DEADLINE)
                    .until(() -> secondRelay.state() == RelayState.STANDBY);
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);

            relay.stop();
            await("the second instance takes over").atMost(DEADLINE).until(secondRelay::isStreaming);
            Ping ping = ping(newRun(), "s", 1);
            second.getBean(PingWriter.class).write(List.of(ping));
            await("its events flow").atMost(DEADLINE).until(() -> effectsOf(ping.id()) == 1);
        } finally {
            relay.start();
        }
        awaitStreaming();
        awaitSentinel("s");
    }

    @Test
    @Order(13)
    void takesItsLockAgainWhenTheLockSessionDies() {
        relayOrRetentionCaseRunsOnce();
        double failuresBefore = producer.getBean(MeterRegistry.class).counter("atelier.outbox.relay.failures").count();

        Integer terminated = producerDb.queryForObject("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                 WHERE locktype = 'advisory' AND granted
                   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""", Integer.class);

        assertThat(terminated).isEqualTo(1);
        await("the relay notices and restarts").atMost(DEADLINE)
                .until(() -> producer.getBean(MeterRegistry.class).counter("atelier.outbox.relay.failures").count()
                        > failuresBefore);
        awaitStreaming();
        assertThat(producerDb.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", Integer.class))
                .isEqualTo(1);
        awaitSentinel("l");
    }

    @Test
    @Order(14)
    void publishesEveryPendingRowAgainWhenTheSlotIsLost() {
        relayOrRetentionCaseRunsOnce();
        String run = newRun();
        double republishedBefore = producer.getBean(MeterRegistry.class).counter("atelier.outbox.relay.republished").count();
        relay.stop();
        try {
            for (int batch = 0; batch < 5; batch++) {
                List<Ping> pings = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    pings.add(ping(run, "lost" + (i % 10), batch * 100L + i));
                }
                writer.write(pings);
            }
            // a failover to a server without the slot, or an operator's cleanup: its WAL position is gone
            await("the slot is dropped").atMost(DEADLINE).ignoreExceptions().until(() -> producerDb.query(
                    "SELECT pg_drop_replication_slot(?)", rs -> true, relay.slotName()));
        } finally {
            relay.start();
        }

        await("all 500 arrive").atMost(DEADLINE).until(() -> distinctEffectsOfRun(run) == 500);
        awaitSentinel("lost0");
        assertThat(effectsOfRun(run)).isEqualTo(500);
        assertThat(producer.getBean(MeterRegistry.class).counter("atelier.outbox.relay.republished").count()
                - republishedBefore).isEqualTo(500);
        await("the outbox drains").atMost(DEADLINE)
                .until(() -> producerDb.queryForObject("SELECT count(*) FROM outbox", Integer.class) == 0);
    }

    @Test
    @Order(15)
    void publishesTheContractHeadersOnlyAndThePayloadAsWritten() {
        relayOrRetentionCaseRunsOnce();
        try (EventProbe probe = EventProbe.on(TestEvents.TOPIC)) {
            Ping ping = ping(newRun(), "w", 1);
            writer.write(List.of(ping));

            ConsumerRecord<String, String> published = probe.awaitRecords(1,
                    r -> r.value().contains(ping.id().toString()), DEADLINE).getFirst();
            // the very bytes the service wrote: jsonb would have re-ordered the keys (id, key, run, seq)
            assertThat(published.value()).isEqualTo(EventJson.write(ping));
            assertThat(published.headers().toArray()).extracting(Header::key)
                    .containsExactly(EventHeaders.EVENT_ID, EventHeaders.EVENT_TYPE, EventHeaders.EVENT_VERSION);
            assertThat(published.key()).isEqualTo("w");
        }
    }

    @Test
    @Order(16)
    void advancesItsSlotWithHeartbeatsWhileNoEventIsPublished() {
        relayOrRetentionCaseRunsOnce();
        String slot = relay.slotName();
        // WAL of a table that is not published: without heartbeats the slot would hold all of it
        producerDb.update("INSERT INTO sent (aggregate_id) SELECT 'wal-' || g FROM generate_series(1, 5000) g");
        String written = producerDb.queryForObject("SELECT pg_current_wal_lsn()::text", String.class);

        await("the slot confirms the WAL written since").atMost(DEADLINE).until(() -> Boolean.TRUE.equals(
                producerDb.queryForObject("SELECT confirmed_flush_lsn >= ?::pg_lsn FROM pg_replication_slots "
                        + "WHERE slot_name = ?", Boolean.class, written, slot)));
        assertThat(producerDb.queryForObject("SELECT count(*) FROM outbox_relay_heartbeat WHERE relay = 'producer'",
                Integer.class)).isPositive();
        assertThat(relay.slotLagBytes()).isNotNull().isNotNegative();
        assertThat(relay.oldestPendingAge()).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    @Order(17)
    void forgetsInboxRowsPastTheRetentionWindow() {
        relayOrRetentionCaseRunsOnce();
        UUID expired = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        String insert = "INSERT INTO inbox (event_id, event_type, topic, partition_no, offset_no, processed_at) "
                + "VALUES (?, 'Ping.v1', 'test.ping', 0, 0, now() - make_interval(days => ?))";
        consumerDb.update(insert, expired, 31);
        consumerDb.update(insert, kept, 29);

        long deleted = consumer.getBean(InboxRetention.class).purge();

        assertThat(deleted).isEqualTo(1);
        assertThat(consumerDb.queryForObject("SELECT count(*) FROM inbox WHERE event_id IN (?, ?)", Integer.class,
                expired, kept)).isEqualTo(1);
        assertThat(consumerDb.queryForObject("SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class, kept))
                .isEqualTo(1);
    }

    /** Holds a replication slot open the way another logical-decoding client would. */
    private record SlotSquatter(Connection connection, PGReplicationStream stream) implements AutoCloseable {

        static SlotSquatter occupy(String jdbcUrl, String slot) throws SQLException {
            Properties props = new Properties();
            PGProperty.USER.set(props, EmbeddedPostgresServer.USER);
            PGProperty.PASSWORD.set(props, "");
            PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "9.4");
            PGProperty.REPLICATION.set(props, "database");
            PGProperty.PREFER_QUERY_MODE.set(props, "simple");
            Connection connection = DriverManager.getConnection(jdbcUrl, props);
            PGReplicationStream stream = connection.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream().logical().withSlotName(slot)
                    .withSlotOption("proto_version", 1).withSlotOption("publication_names", "atelier_outbox")
                    .start();
            return new SlotSquatter(connection, stream);
        }

        @Override
        public void close() throws SQLException {
            if (!connection.isClosed()) {
                stream.close();
                connection.close();
            }
        }
    }
}
