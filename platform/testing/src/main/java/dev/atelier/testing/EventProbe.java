package dev.atelier.testing;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventHeaders;
import dev.atelier.events.EventJson;
import dev.atelier.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * Records what arrives on some topics from the moment it is opened, so that a test can await an event with a
 * deadline instead of sleeping. Other tests may publish to the same topics: filter by a predicate.
 */
public final class EventProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private EventProbe(String bootstrapServers, List<String> topics, boolean fromBeginning) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        ensureTopics(bootstrapServers, topics);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<TopicPartition> ofTopic = Awaitility.await("partitions of " + topic).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList(), found -> !found.isEmpty());
            partitions.addAll(ofTopic);
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
        poller = Thread.ofPlatform().daemon().name("event-probe-" + String.join(",", topics)).start(this::poll);
    }

    // a probe may open before anything was published to its topics: create them rather than watch nothing
    private static void ensureTopics(String bootstrapServers, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.empty(), Optional.empty())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().values().forEach(created -> {
                    try {
                        created.get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("could not create a topic to probe", e.getCause());
                        }
                    } catch (InterruptedException | TimeoutException e) {
                        throw new IllegalStateException("could not create a topic to probe", e);
                    }
                });
            }
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not list the broker's topics", e);
        }
    }

    /** Opens a probe on the topics of the shared test broker that sees what is published from now on. */
    public static EventProbe on(String... topics) {
        return on(SharedInfrastructure.get().kafka().bootstrapServers(), false, topics);
    }

    public static EventProbe on(String bootstrapServers, boolean fromBeginning, String... topics) {
        return new EventProbe(bootstrapServers, List.of(topics), fromBeginning);
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // closed
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(records);
    }

    /** Records carrying event type {@code type}, decoded. */
    public <T extends DomainEvent> List<T> events(Class<T> type) {
        EventType eventType = EventCatalog.standard().typeOf(type);
        return records.stream()
                .filter(r -> eventType.name().equals(header(r, EventHeaders.EVENT_TYPE)))
                .map(r -> EventJson.read(r.value(), type))
                .toList();
    }

    /** Waits until an event of the type matching {@code condition} has arrived, and returns the first one. */
    public <T extends DomainEvent> T awaitEvent(Class<T> type, Predicate<T> condition, Duration timeout) {
        return Awaitility.await("an event " + type.getSimpleName() + " matching the condition")
                .atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> events(type).stream().filter(condition).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Waits until at least {@code count} records match, and returns those seen by then. */
    public List<ConsumerRecord<String, String>> awaitRecords(int count, Predicate<ConsumerRecord<String, String>> condition,
            Duration timeout) {
        return Awaitility.await(count + " matching records")
                .atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> records.stream().filter(condition).toList(), matched -> matched.size() >= count);
    }

    public static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
