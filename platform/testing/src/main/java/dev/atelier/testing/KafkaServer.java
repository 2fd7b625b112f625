package dev.atelier.testing;

/**
 * The Kafka broker of a test JVM, embedded ({@link EmbeddedKafkaServer}) or in a Testcontainers container;
 * {@link SharedInfrastructure} picks which. Either way topics are created on first use with
 * {@link EmbeddedKafkaServer#DEFAULT_PARTITIONS} partitions, and the broker can be stopped and started again on the
 * same port, topics and offsets for fault-injection tests.
 */
public interface KafkaServer extends AutoCloseable {

    String bootstrapServers();

    /** Creates topics now rather than on first use; existing ones stay. */
    void createTopics(String... topics);

    /** Stops the broker as a crash would: clients lose their connections until {@link #startAgain()}. */
    void stop();

    /** Starts a {@link #stop() stopped} broker again, on the same port with the same topics and offsets. */
    void startAgain();

    @Override
    void close();
}
