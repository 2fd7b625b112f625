package dev.atelier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

    private final SharedInfrastructure infrastructure = SharedInfrastructure.get();

    @Test
    void givesEachCallerAFreshDatabaseWithLogicalDecoding() throws Exception {
        String first = infrastructure.freshDatabase("probe");
        String second = infrastructure.freshDatabase("probe");
        assertThat(first).isNotEqualTo(second);
        try (var connection = DriverManager.getConnection(first, EmbeddedPostgresServer.USER, "");
                var result = connection.createStatement().executeQuery("SHOW wal_level")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void probeSeesRecordsPublishedAfterItOpened() {
        String topic = "testing.probe";
        infrastructure.kafka().createTopics(topic);
        try (var probe = EventProbe.on(topic);
                var producer = new KafkaProducer<>(Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k1", "hello"));
            producer.flush();
            var records = probe.awaitRecords(1, r -> "hello".equals(r.value()), Duration.ofSeconds(10));
            assertThat(records).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("k1"));
        }
    }
}
