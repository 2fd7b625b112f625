package dev.atelier.messaging.deadletter;

import dev.atelier.events.EventHeaders;
import dev.atelier.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * This service's dead letters: which of its dead-letter topics hold some, what they are and why, and their replay
 * through the inbox once the cause is fixed. A replayed event is applied exactly like a delivered one, in one
 * transaction with its inbox row, so an event already applied changes nothing.
 *
 * <p>What was replayed is remembered as the committed offsets of the consumer group {@code <service>.dlt-replay}
 * on the dead-letter topic: a dead letter is pending until a replay applied it (or found it already applied). A
 * replay stops at the first dead letter that fails again; it stays pending.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    private final Supplier<Set<String>> consumedTopics;
    private final String service;
    private final Map<String, Object> consumerProperties;
    private final Function<ConsumerRecord<String, String>, String> dispatcher;

    /**
     * @param consumedTopics the topics the service's handlers consume
     * @param service the consumer group, which names the dead-letter topics
     * @param kafkaProperties the client settings of the service's consumer (bootstrap servers, security)
     * @param dispatcher applies a record through the inbox; returns {@code applied}, {@code duplicate} or {@code ignored}
     */
    public DeadLetters(Supplier<Set<String>> consumedTopics, String service, Map<String, Object> kafkaProperties,
            Function<ConsumerRecord<String, String>, String> dispatcher) {
        this.consumedTopics = consumedTopics;
        this.service = service;
        this.dispatcher = dispatcher;
        Map<String, Object> properties = new HashMap<>(kafkaProperties);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, service + ".dlt-replay");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // dead letters are written without transactions: nothing to wait for, and the end offsets are exact
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-dlt-replay");
        properties.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        properties.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        this.consumerProperties = Map.copyOf(properties);
    }

    /** Every topic the service consumes, with its dead-letter topic and how many dead letters are pending there. */
    public List<DeadLetterTopic> topics() {
        return withConsumer(consumer -> consumedTopics.get().stream().sorted().map(topic -> {
            String deadLetterTopic = Topics.deadLetterOf(topic, service);
            Positions positions = positions(consumer, deadLetterTopic);
            return new DeadLetterTopic(topic, deadLetterTopic, positions.pending(), positions.total());
        }).toList());
    }

    /**
     * The pending dead letters of a topic, oldest first per partition.
     *
     * @param topic a topic the service consumes, or its dead-letter topic
     */
    public List<DeadLetter> pending(String topic, int limit) {
        String deadLetterTopic = deadLetterTopicOf(topic);
        return withConsumer(consumer -> read(consumer, deadLetterTopic, limit).stream().map(DeadLetters::describe).toList());
    }

    /**
     * Replays the pending dead letters of a topic through the inbox, oldest first per partition, and stops at the
     * first one that fails again.
     *
     * @param topic a topic the service consumes, or its dead-letter topic
     */
    public synchronized ReplayReport replay(String topic) {
        String deadLetterTopic = deadLetterTopicOf(topic);
        return withConsumer(consumer -> {
            int applied = 0;
            int duplicates = 0;
            int ignored = 0;
            DeadLetter failed = null;
            String failure = null;
            for (ConsumerRecord<String, String> record : read(consumer, deadLetterTopic, Integer.MAX_VALUE)) {
                String outcome;
                try {
                    outcome = dispatcher.apply(original(record));
                } catch (RuntimeException e) {
                    failed = describe(record);
                    failure = String.valueOf(NestedExceptionUtils.getMostSpecificCause(e).getMessage());
                    log.warn("Replay of {}-{}@{} failed again, it stays pending: {}", record.topic(),
                            record.partition(), record.offset(), failure);
                    break;
                }
                switch (outcome) {
                    case "applied" -> applied++;
                    case "duplicate" -> duplicates++;
                    default -> ignored++;
                }
                consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1)), KAFKA_TIMEOUT);
            }
            long remaining = positions(consumer, deadLetterTopic).pending();
            log.info("Replayed dead letters of {}: {} applied, {} already applied, {} ignored, {} pending",
                    deadLetterTopic, applied, duplicates, ignored, remaining);
            return new ReplayReport(deadLetterTopic, applied, duplicates, ignored, remaining, failed, failure);
        });
    }

    /** The dead-letter topic of {@code topic}, which is a topic the service consumes or one of its dead-letter topics. */
    String deadLetterTopicOf(String topic) {
        for (String consumed : consumedTopics.get()) {
            String deadLetterTopic = Topics.deadLetterOf(consumed, service);
            if (consumed.equals(topic) || deadLetterTopic.equals(topic)) {
                return deadLetterTopic;
            }
        }
        throw new IllegalArgumentException(service + " neither consumes " + topic + " nor dead-letters to it; its topics: "
                + consumedTopics.get().stream().sorted().toList());
    }

    private <T> T withConsumer(Function<KafkaConsumer<String, String>, T> work) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new StringDeserializer())) {
            return work.apply(consumer);
        }
    }

    private record Positions(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, long total) {

        long pending() {
            return end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - start.get(e.getKey()))).sum();
        }
    }

    /** Where the pending dead letters of each partition start (the replay group's position) and end. */
    private Positions positions(KafkaConsumer<String, String> consumer, String deadLetterTopic) {
        List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, KAFKA_TIMEOUT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            return new Positions(Map.of(), Map.of(), 0);
        }
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, KAFKA_TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), KAFKA_TIMEOUT);
        Map<TopicPartition, Long> start = new HashMap<>();
        long total = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata replayed = committed.get(partition);
            long first = beginning.get(partition);
            start.put(partition, replayed == null ? first : Math.max(first, replayed.offset()));
            total += end.get(partition) - first;
        }
        return new Positions(start, end, total);
    }

    private List<ConsumerRecord<String, String>> read(KafkaConsumer<String, String> consumer, String deadLetterTopic,
            int limit) {
        Positions positions = positions(consumer, deadLetterTopic);
        List<TopicPartition> unread = new ArrayList<>(positions.end().keySet().stream()
                .filter(p -> positions.start().get(p) < positions.end().get(p)).toList());
        if (unread.isEmpty()) {
            return List.of();
        }
        consumer.assign(unread);
        unread.forEach(p -> consumer.seek(p, positions.start().get(p)));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(READ_DEADLINE);
        while (!unread.isEmpty() && records.size() < limit) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + deadLetterTopic + " within " + READ_DEADLINE);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < positions.end().get(partition) && records.size() < limit) {
                    records.add(record);
                }
            }
            unread.removeIf(p -> consumer.position(p, KAFKA_TIMEOUT) >= positions.end().get(p));
        }
        records.sort(Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    /** The record as it was first delivered: its original topic, partition and offset, its key, value and headers. */
    private static ConsumerRecord<String, String> original(ConsumerRecord<String, String> deadLetter) {
        String topic = text(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        Long partition = number(deadLetter, KafkaHeaders.DLT_ORIGINAL_PARTITION, Integer.BYTES);
        Long offset = number(deadLetter, KafkaHeaders.DLT_ORIGINAL_OFFSET, Long.BYTES);
        if (topic == null || partition == null || offset == null) {
            throw new IllegalStateException("dead letter " + deadLetter.topic() + "-" + deadLetter.partition() + "@"
                    + deadLetter.offset() + " lacks its original position headers");
        }
        return new ConsumerRecord<>(topic, partition.intValue(), offset, deadLetter.timestamp(), deadLetter.timestampType(),
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, deadLetter.key(), deadLetter.value(),
                deadLetter.headers(), Optional.empty());
    }

    private static DeadLetter describe(ConsumerRecord<String, String> record) {
        Long partition = number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION, Integer.BYTES);
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), record.key(), text(record, EventHeaders.EVENT_ID),
                text(record, EventHeaders.EVENT_TYPE), text(record, EventHeaders.EVENT_VERSION),
                text(record, EventHeaders.DEAD_LETTER_REASON), text(record, EventHeaders.DEAD_LETTER_ATTEMPTS),
                text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                partition == null ? null : partition.intValue(),
                number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET, Long.BYTES), record.value());
    }

    private static @Nullable String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static @Nullable Long number(ConsumerRecord<?, ?> record, String name, int size) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value().length != size) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(header.value());
        return size == Integer.BYTES ? buffer.getInt() : buffer.getLong();
    }
}
