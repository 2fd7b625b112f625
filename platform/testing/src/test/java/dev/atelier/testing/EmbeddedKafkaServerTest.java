package dev.atelier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
}
