package dev.atelier.testing;

import java.util.Map;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node Kafka broker in KRaft mode, started in this JVM. Topics are created on first use with
 * {@link #DEFAULT_PARTITIONS} partitions, as a local stand-in for the operators' declared topics.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    public static final int DEFAULT_PARTITIONS = 4;

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker; port 0 picks a free one. */
    public static EmbeddedKafkaServer start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(DEFAULT_PARTITIONS),
                "offsets.topic.num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "log.retention.hours", "-1"));
        broker.afterPropertiesSet();
        return new EmbeddedKafkaServer(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Creates topics now rather than on first use, e.g. so that a consumer can start at their beginning; existing ones stay. */
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
        broker.destroy();
    }
}
