package dev.atelier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaServerTest {

    @Test
    void listensOnTheClientPortItIsGiven() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(port);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
            assertThat(kafka.bootstrapServers()).endsWith(":" + port);
            kafka.createTopics("fixed.port");
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("fixed.port");
        }
    }

    @Test
    void stopsAndStartsAgainOnTheSamePortWithItsRecords() throws Exception {
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0)) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics("restarted");
            Map<String, Object> producerSettings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
            try (var producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("restarted", "k", "before")).get(10, TimeUnit.SECONDS);

                kafka.stop();
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("restarted", "k", "during"))
                        .get(10, TimeUnit.SECONDS)).as("the broker is away").isNotNull();

                kafka.startAgain();
                assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
                await("the broker takes records again").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                        producer.send(new ProducerRecord<>("restarted", "k", "after")).get(5, TimeUnit.SECONDS) != null);
            }
            try (EventProbe probe = EventProbe.on(bootstrap, true, "restarted")) {
                probe.awaitRecords(2, r -> true, Duration.ofSeconds(30));
                assertThat(probe.records()).extracting(r -> r.value()).contains("before", "after");
            }
        }
    }
}
