package dev.atelier.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.messaging.it.TestEvents.Ping;
import dev.atelier.messaging.it.consumer.ConsumerApp;
import dev.atelier.messaging.it.producer.PingWriter;
import dev.atelier.messaging.it.producer.ProducerApp;
import dev.atelier.messaging.inbox.InboxListener;
import dev.atelier.messaging.relay.OutboxRelay;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.PostgresServer;
import dev.atelier.testing.SharedInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL stops for 10 s and starts again while the consumer is in the middle of a stream of 2,000 events:
 * every event is applied exactly once and none is dead-lettered. The server is the JVM's shared one, stopped for
 * real ({@code pg_ctl stop -m fast}), so both the producer's relay and the consumer's inbox lose their sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private ConfigurableApplicationContext producer;
    private ConfigurableApplicationContext consumer;
    private PingWriter writer;
    private JdbcTemplate consumerDb;

    @BeforeAll
    void startApplications() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        infrastructure.kafka().createTopics(TestEvents.TOPIC, TestEvents.DEAD_LETTERS);
        producer = TestApps.start(ProducerApp.class,
                TestApps.settings("producer", infrastructure.freshDatabase("outage_producer"), "classpath:db/producer"));
        Map<String, Object> consumerSettings = TestApps.settings("consumer",
                infrastructure.freshDatabase("outage_consumer"), "classpath:db/consumer");
        consumerSettings.put("atelier.messaging.inbox.max-attempts", "2");
        consumerSettings.put("atelier.messaging.inbox.initial-backoff", "100ms");
        consumerSettings.put("atelier.messaging.inbox.max-backoff", "500ms");
        // the pool gives up on a connection after 250 ms, so during a 10 s outage the consumer fails many times, far
        // more often than max-attempts (2), even on a busy machine: only unlimited retries of transient failures
        // keep the events off the DLT
        consumerSettings.put("spring.datasource.hikari.connection-timeout", "250");
        // it publishes nothing: no relay to start
        consumerSettings.put("atelier.messaging.relay.enabled", "false");
        consumer = TestApps.start(ConsumerApp.class, consumerSettings);
        writer = producer.getBean(PingWriter.class);
        consumerDb = consumer.getBean(JdbcTemplate.class);
        OutboxRelay relay = producer.getBean(OutboxRelay.class);
        await("the relay streams").atMost(DEADLINE).until(relay::isStreaming);
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

    @Test
    void appliesEveryEventOnceAndDeadLettersNoneWhenTheDatabaseRestartsMidStream() {
        String run = UUID.randomUUID().toString();
        PostgresServer postgres = SharedInfrastructure.get().postgres();
        double transientRetriesBefore = count(consumer, "atelier.inbox.transient.retries");
        double deadLetteredBefore = count(consumer, "atelier.inbox.dead.lettered");
        ConcurrentMessageListenerContainer<String, String> inbox = consumer.getBean(InboxListener.class).container();
        try (EventProbe deadLetters = EventProbe.on(TestEvents.DEAD_LETTERS);
                EventProbe topic = EventProbe.on(TestEvents.TOPIC)) {
            // 1,500 events waiting on the topic when PostgreSQL stops: the consumer is held back until they are all
            // there, so it meets the outage with work to do however fast the machine is
            inbox.pause();
            await("the consumer holds back").atMost(DEADLINE).until(inbox::isContainerPaused);
            for (int batch = 0; batch < 3; batch++) {
                writer.write(pings(run, batch * 500, 500));
            }
            topic.awaitRecords(1500, r -> r.value().contains(run), DEADLINE);
            int appliedBeforeOutage = effects(run);
            postgres.stop();
            inbox.resume();
            try {
                // the outage itself: nothing to wait for but the clock
                await("the outage lasts " + OUTAGE).pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
            } finally {
                postgres.startAgain();
            }
            // the last 500 once the database is back; the first attempt may meet a connection the restart broke
            for (int batch = 3; batch < 4; batch++) {
                List<Ping> rest = pings(run, batch * 500, 500);
                await("the producer writes again").atMost(DEADLINE).ignoreExceptions().until(() -> {
                    writer.write(rest);
                    return true;
                });
            }

            // the consumer's pool gives up after 1 s, and the restarted server may take longer to answer
            await("all 2,000 applied").atMost(DEADLINE).ignoreExceptions().until(() -> distinctEffects(run) == 2000);
            Ping sentinel = new Ping(UUID.randomUUID(), "k0", 0, UUID.randomUUID().toString());
            writer.write(List.of(sentinel));
            await("a later event applied").atMost(DEADLINE).ignoreExceptions().until(() -> effects(sentinel.run()) == 1);

            assertThat(appliedBeforeOutage).as("the outage began before the consumer applied the stream").isZero();
            assertThat(effects(run)).as("each event applied once").isEqualTo(2000);
            assertThat(count(consumer, "atelier.inbox.transient.retries") - transientRetriesBefore)
                    .as("the consumer met the outage and retried more often than max-attempts").isGreaterThan(2);
            assertThat(count(consumer, "atelier.inbox.dead.lettered")).as("nothing dead-lettered")
                    .isEqualTo(deadLetteredBefore);
            assertThat(deadLetters.records()).noneMatch(r -> r.value().contains(run));
        }
    }

    private static List<Ping> pings(String run, int from, int count) {
        List<Ping> pings = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            pings.add(new Ping(UUID.randomUUID(), "k" + (i % 20), i, run));
        }
        return pings;
    }

    private int effects(String run) {
        return consumerDb.queryForObject("SELECT count(*) FROM ping_effect WHERE run = ?", Integer.class, run);
    }

    private int distinctEffects(String run) {
        return consumerDb.queryForObject("SELECT count(DISTINCT ping_id) FROM ping_effect WHERE run = ?", Integer.class,
                run);
    }

    private static double count(ConfigurableApplicationContext context, String meter) {
        return context.getBean(MeterRegistry.class).find(meter).counters().stream().mapToDouble(Counter::count).sum();
    }
}
