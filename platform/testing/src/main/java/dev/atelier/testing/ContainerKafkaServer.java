package dev.atelier.testing;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a Testcontainers container (KRaft, the Apache image production runs: {@value #IMAGE}, the release of the
 * services' kafka-clients), configured like the embedded broker: topics created on first use with
 * {@link EmbeddedKafkaServer#DEFAULT_PARTITIONS} partitions, no initial rebalance delay, single-replica internal
 * topics. Its host port is fixed when the container is created, so that the advertised listener stays right across
 * {@link #stop()} and {@link #startAgain()}.
 */
final class ContainerKafkaServer implements KafkaServer {

    /** Overridden by the system property {@code atelier.testing.kafka-image}. */
    static final String IMAGE = "apache/kafka:4.1.2";
    private static final int KAFKA_PORT = 9092;
    private static final Duration RESTART_DEADLINE = Duration.ofSeconds(60);

    private final KafkaContainer container;

    private ContainerKafkaServer(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafkaServer start() {
        int port = EmbeddedPostgresServer.freePort();
        KafkaContainer container = new KafkaContainer(
                DockerImageName.parse(System.getProperty("atelier.testing.kafka-image", IMAGE))
                        .asCompatibleSubstituteFor("apache/kafka"))
                .withEnv(Map.of(
                        "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true",
                        "KAFKA_NUM_PARTITIONS", String.valueOf(EmbeddedKafkaServer.DEFAULT_PARTITIONS),
                        "KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "4",
                        "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0",
                        "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1",
                        "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1",
                        "KAFKA_LOG_RETENTION_HOURS", "-1"))
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withPortBindings(new PortBinding(
                        Ports.Binding.bindPort(port), new ExposedPort(KAFKA_PORT))));
        container.start();
        return new ContainerKafkaServer(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void createTopics(String... topics) {
        try (Admin admin = admin()) {
            admin.createTopics(Arrays.stream(topics)
                            .map(topic -> new NewTopic(topic, EmbeddedKafkaServer.DEFAULT_PARTITIONS, (short) 1))
                            .toList())
                    .values().forEach((topic, created) -> {
                        try {
                            created.get(30, TimeUnit.SECONDS);
                        } catch (ExecutionException e) {
                            if (!(e.getCause() instanceof TopicExistsException)) {
                                throw new IllegalStateException("could not create topic " + topic, e.getCause());
                            }
                        } catch (TimeoutException e) {
                            throw new IllegalStateException("topic " + topic + " was not created within 30 s", e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while creating topic " + topic, e);
                        }
                    });
        }
    }

    /** Stops the container: the broker shuts down, clients lose their connections; its log directory stays. */
    @Override
    public synchronized void stop() {
        container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public synchronized void startAgain() {
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        Awaitility.await("Kafka's container answers again").atMost(RESTART_DEADLINE)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    try (Admin admin = admin()) {
                        return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                    }
                });
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    @Override
    public void close() {
        container.stop();
    }
}
