package dev.atelier.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.messaging.it.TestEvents.Ping;
import dev.atelier.messaging.it.consumer.ConsumerApp;
import dev.atelier.messaging.it.producer.PingWriter;
import dev.atelier.messaging.it.producer.ProducerApp;
import dev.atelier.messaging.relay.OutboxRelay;
import dev.atelier.testing.KafkaServer;
import dev.atelier.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Kafka stops for 20 s: the producing service keeps taking writes and stays ready (its outbox holds the events),
 * its relay reports DOWN in its own health group, and once the broker is back the outbox drains and every event
 * is applied once. The broker is the JVM's shared one (a second broker in one JVM does not survive the first's
 * restart), stopped for real and started again on the same port with its topics and offsets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private KafkaServer kafka;
    private ConfigurableApplicationContext producer;
    private ConfigurableApplicationContext consumer;

    @BeforeAll
    void startApplications() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        kafka = infrastructure.kafka();
        kafka.createTopics(TestEvents.TOPIC);
        Map<String, Object> producerSettings = TestApps.settings("producer",
                infrastructure.freshDatabase("kafka_outage_producer"), "classpath:db/producer");
        // a batch Kafka does not acknowledge within 3 s fails the relay, which then restarts again and again
        producerSettings.put("atelier.messaging.relay.send-timeout", "3s");
        producerSettings.put("atelier.messaging.inbox.enabled", "false");
        producer = TestApps.start(ProducerApp.class, producerSettings);
        Map<String, Object> consumerSettings = TestApps.settings("consumer",
                infrastructure.freshDatabase("kafka_outage_consumer"), "classpath:db/consumer");
        consumerSettings.put("atelier.messaging.relay.enabled", "false");
        consumer = TestApps.start(ConsumerApp.class, consumerSettings);
        await("the relay streams").atMost(DEADLINE).until(producer.getBean(OutboxRelay.class)::isStreaming);
    }

    @AfterAll
    void stopApplications() {
        for (AutoCloseable each : new AutoCloseable[] {consumer, producer}) {
            if (each != null) {
                try {
                    each.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void keepsServingWhileKafkaIsAwayAndDeliversEverythingOnceWhenItReturns() {
        String run = UUID.randomUUID().toString();
        PingWriter writer = producer.getBean(PingWriter.class);
        JdbcTemplate producerDb = producer.getBean(JdbcTemplate.class);
        ApplicationAvailability availability = producer.getBean(ApplicationAvailability.class);
        HealthIndicator relayHealth = producer.getBean("outboxRelayHealthIndicator", HealthIndicator.class);

        writer.write(pings(run, 0, 100));
        await("the first 100 applied").atMost(DEADLINE).until(() -> effects(run) == 100);
        await("and relayed rows deleted").atMost(DEADLINE).until(() -> outbox(producerDb) == 0);

        kafka.stop();
        try {
            for (int batch = 0; batch < 10; batch++) {
                writer.write(pings(run, 100 + batch * 50, 50));
            }
            // the relay deletes rows only once Kafka acknowledged them: 500 rows held for the whole outage show that
            // nothing got through (whether the producer reports a failure within it depends on its timeouts)
            await("for the whole outage the service stays ready and the outbox holds the 500 events")
                    .during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                    .until(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                            && outbox(producerDb) == 500);
        } finally {
            kafka.startAgain();
        }

        await("the outbox drains").atMost(DEADLINE).until(() -> outbox(producerDb) == 0);
        await("all 600 applied").atMost(DEADLINE).until(() -> distinctEffects(run) == 600);
        Ping sentinel = new Ping(UUID.randomUUID(), "k0", 0, UUID.randomUUID().toString());
        writer.write(List.of(sentinel));
        await("a later event applied").atMost(DEADLINE).until(() -> effects(sentinel.run()) == 1);
        assertThat(effects(run)).as("nothing applied twice").isEqualTo(600);
        assertThat(relayHealth.health().getStatus().getCode()).isEqualTo("UP");
    }

    private static List<Ping> pings(String run, int from, int count) {
        List<Ping> pings = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            pings.add(new Ping(UUID.randomUUID(), "k" + (i % 20), i, run));
        }
        return pings;
    }

    private static int outbox(JdbcTemplate producerDb) {
        return producerDb.queryForObject("SELECT count(*) FROM outbox", Integer.class);
    }

    private int effects(String run) {
        return consumer.getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM ping_effect WHERE run = ?", Integer.class, run);
    }

    private int distinctEffects(String run) {
        return consumer.getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(DISTINCT ping_id) FROM ping_effect WHERE run = ?", Integer.class, run);
    }
}
