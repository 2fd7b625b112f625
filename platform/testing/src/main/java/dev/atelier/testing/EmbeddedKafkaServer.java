package dev.atelier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import kafka.server.BrokerServer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node Kafka broker in KRaft mode, started in this JVM. Topics are created on first use with
 * {@link #DEFAULT_PARTITIONS} partitions, as a local stand-in for the operators' declared topics.
 */
public final class EmbeddedKafkaServer implements KafkaServer {

    public static final int DEFAULT_PARTITIONS = 4;

    private final EmbeddedKafkaKraftBroker broker;
    private final @Nullable PortForwarder forwarder;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker, @Nullable PortForwarder forwarder) {
        this.broker = broker;
        this.forwarder = forwarder;
    }

    /** Starts a broker; port 0 picks a free one. */
    public static EmbeddedKafkaServer start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        Map<String, String> properties = new HashMap<>(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(DEFAULT_PARTITIONS),
                "offsets.topic.num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "log.retention.hours", "-1"));
        broker.brokerProperties(properties);
        broker.afterPropertiesSet();
        if (port <= 0) {
            return new EmbeddedKafkaServer(broker, null);
        }
        // the KRaft test kit ignores kafkaPorts() and binds a port of its own: relay the asked-for port to it
        String address = broker.getBrokersAsString().split(",")[0].strip();
        int colon = address.lastIndexOf(':');
        try {
            return new EmbeddedKafkaServer(broker, PortForwarder.start(port,
                    new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))));
        } catch (IOException e) {
            broker.destroy();
            throw new UncheckedIOException("cannot listen on port " + port + " for Kafka", e);
        }
    }

    /**
     * Stops the broker as a crash or maintenance would, keeping its data, port and the KRaft controller: clients
     * lose their connections and cannot reconnect until {@link #startAgain()}. For fault-injection tests.
     */
    @Override
    public void stop() {
        broker.getCluster().brokers().values().forEach(BrokerServer::shutdown);
    }

    /** Starts a {@link #stop() stopped} broker again, on the same port with the same topics and offsets. */
    @Override
    public void startAgain() {
        broker.getCluster().brokers().values().forEach(BrokerServer::startup);
        try {
            broker.getCluster().waitForReadyBrokers();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the embedded broker did not come back", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedded broker restarted", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return forwarder == null ? broker.getBrokersAsString() : "localhost:" + forwarder.port();
    }

    /** Creates topics now rather than on first use, e.g. so that a consumer can start at their beginning; existing ones stay. */
    @Override
    public void createTopics(String... topics) {
        broker.addTopicsWithResults(topics).forEach((topic, failure) -> {
            if (failure != null && !(failure.getCause() instanceof TopicExistsException)
                    && !(failure instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic, failure);
            }
        });
    }

    @Override
    public void close() {
        if (forwarder != null) {
            forwarder.close();
        }
        broker.destroy();
    }
}
