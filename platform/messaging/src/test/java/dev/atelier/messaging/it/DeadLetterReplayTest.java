package dev.atelier.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.events.EventHeaders;
import dev.atelier.events.Topics;
import dev.atelier.messaging.deadletter.DeadLetter;
import dev.atelier.messaging.deadletter.DeadLetterTopic;
import dev.atelier.messaging.deadletter.DeadLetters;
import dev.atelier.messaging.deadletter.ReplayReport;
import dev.atelier.messaging.it.TestEvents.Ping;
import dev.atelier.messaging.it.consumer.ConsumerApp;
import dev.atelier.messaging.it.consumer.PingEffects;
import dev.atelier.messaging.it.producer.PingWriter;
import dev.atelier.messaging.it.producer.ProducerApp;
import dev.atelier.messaging.relay.OutboxRelay;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two services consume one topic; one of them fails permanently on some events. Its dead letters land on its own
 * dead-letter topic, not the other's, and once the bug is fixed a replay applies each of them once, through the
 * inbox (an event that meanwhile arrived again is recognised, not applied twice).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterReplayTest {

    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final String HEALTHY = "consumer-a";
    private static final String FAILING = "consumer-b";

    private ConfigurableApplicationContext producer;
    private ConfigurableApplicationContext healthy;
    private ConfigurableApplicationContext failing;

    @BeforeAll
    void startApplications() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        infrastructure.kafka().createTopics(TestEvents.TOPIC);
        producer = TestApps.start(ProducerApp.class,
                TestApps.settings("producer", infrastructure.freshDatabase("dlt_producer"), "classpath:db/producer"));
        healthy = TestApps.start(ConsumerApp.class, consumerSettings(HEALTHY));
        failing = TestApps.start(ConsumerApp.class, consumerSettings(FAILING));
        await("the relay streams").atMost(DEADLINE).until(producer.getBean(OutboxRelay.class)::isStreaming);
    }

    private static Map<String, Object> consumerSettings(String name) {
        Map<String, Object> settings = TestApps.settings(name, SharedInfrastructure.get().freshDatabase(name.replace('-', '_')),
                "classpath:db/consumer");
        // this test publishes from the start of the topic: both groups start at its end
        settings.put("spring.kafka.consumer.auto-offset-reset", "latest");
        // it publishes nothing: no relay to start
        settings.put("atelier.messaging.relay.enabled", "false");
        return settings;
    }

    @AfterAll
    void stopApplications() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {failing, healthy, producer}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    void deadLettersStayWithTheFailingServiceAndAReplayAfterTheFixAppliesEachOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        String failingDeadLetters = Topics.deadLetterOf(TestEvents.TOPIC, FAILING);
        String healthyDeadLetters = Topics.deadLetterOf(TestEvents.TOPIC, HEALTHY);
        PingEffects failingEffects = failing.getBean(PingEffects.class);
        failingEffects.breakRun(run);
        List<Ping> pings = IntStream.range(0, 5).mapToObj(i -> new Ping(UUID.randomUUID(), "r" + i, i, run)).toList();

        try (EventProbe failingDlt = EventProbe.on(failingDeadLetters);
                EventProbe healthyDlt = EventProbe.on(healthyDeadLetters)) {
            producer.getBean(PingWriter.class).write(pings);

            List<ConsumerRecord<String, String>> dead = failingDlt.awaitRecords(5, r -> r.value().contains(run), DEADLINE);
            await("the healthy service applies all five").atMost(DEADLINE).until(() -> effects(healthy, run) == 5);
            assertThat(healthyDlt.records()).noneMatch(r -> r.value().contains(run));
            assertThat(dead).allSatisfy(r -> {
                assertThat(EventProbe.header(r, EventHeaders.DEAD_LETTER_REASON)).contains("is broken");
                assertThat(EventProbe.header(r, "kafka_dlt-original-consumer-group")).isEqualTo(FAILING);
            });
        }
        assertThat(effects(failing, run)).isZero();

        DeadLetters deadLetters = failing.getBean(DeadLetters.class);
        assertThat(deadLetters.topics()).containsExactly(new DeadLetterTopic(TestEvents.TOPIC, failingDeadLetters, 5, 5));
        List<DeadLetter> pending = deadLetters.pending(TestEvents.TOPIC, 10);
        assertThat(pending).hasSize(5).allSatisfy(letter -> {
            assertThat(letter.eventType()).isEqualTo("Ping");
            assertThat(letter.reason()).contains("is broken");
            assertThat(letter.attempts()).isEqualTo("3");
            assertThat(letter.originalTopic()).isEqualTo(TestEvents.TOPIC);
            assertThat(letter.payload()).contains(run);
        });

        ReplayReport tooEarly = deadLetters.replay(failingDeadLetters);
        assertThat(tooEarly.applied()).isZero();
        assertThat(tooEarly.failure()).contains("is broken");
        assertThat(tooEarly.remaining()).isEqualTo(5);

        failingEffects.fix(run);
        // one of them reaches the service again meanwhile, as a redelivery would: the replay must not apply it twice
        redeliver(pending.getFirst());
        await("the redelivered event is applied").atMost(DEADLINE).until(() -> effects(failing, run) == 1);

        ReplayReport replay = deadLetters.replay(TestEvents.TOPIC);
        assertThat(replay.failure()).isNull();
        assertThat(replay.applied()).isEqualTo(4);
        assertThat(replay.duplicates()).isEqualTo(1);
        assertThat(replay.remaining()).isZero();
        assertThat(effects(failing, run)).isEqualTo(5);
        assertThat(distinctEffects(failing, run)).isEqualTo(5);

        ReplayReport again = deadLetters.replay(TestEvents.TOPIC);
        assertThat(again.applied() + again.duplicates() + again.ignored()).isZero();
        assertThat(effects(failing, run)).isEqualTo(5);
        assertThat(effects(healthy, run)).isEqualTo(5);
    }

    private static void redeliver(DeadLetter letter) {
        try (var kafka = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().kafka().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            var record = new ProducerRecord<String, String>(TestEvents.TOPIC, letter.key(), letter.payload());
            record.headers().add(EventHeaders.EVENT_ID, bytes(letter.eventId()));
            record.headers().add(EventHeaders.EVENT_TYPE, bytes(letter.eventType()));
            record.headers().add(EventHeaders.EVENT_VERSION, bytes(letter.eventVersion()));
            kafka.send(record);
            kafka.flush();
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int effects(ConfigurableApplicationContext consumer, String run) {
        return consumer.getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM ping_effect WHERE run = ?", Integer.class, run);
    }

    private static int distinctEffects(ConfigurableApplicationContext consumer, String run) {
        return consumer.getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(DISTINCT ping_id) FROM ping_effect WHERE run = ?", Integer.class, run);
    }
}
