package dev.atelier.messaging.inbox;

import dev.atelier.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The service's Kafka consumer: subscribes to the topics of its {@link EventHandler}s once every bean is known,
 * feeds each record to the {@link InboxDispatcher}, retries a failing record with back-off, and after the last
 * attempt (or at once for an {@link UndeliverableEventException}) publishes it to {@code <topic>.dlt} with the
 * original headers, the exception and the attempt count, then goes on with the next record.
 */
public class InboxListener implements SmartLifecycle {

    /** Header on a dead-lettered record: how many times the consumer tried it. */
    public static final String ATTEMPTS_HEADER = "atelier-dlt-attempts";
    /** Header on a dead-lettered record: the root cause, in one line. */
    public static final String REASON_HEADER = "atelier-dlt-reason";

    private static final Logger log = LoggerFactory.getLogger(InboxListener.class);

    private final EventHandlerRegistry registry;
    private final InboxDispatcher dispatcher;
    private final ConsumerFactory<String, String> consumers;
    private final KafkaOperations<String, String> deadLetters;
    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final InboxSettings settings;
    private volatile @Nullable ConcurrentMessageListenerContainer<String, String> container;

    public InboxListener(EventHandlerRegistry registry, InboxDispatcher dispatcher, ConsumerFactory<String, String> consumers,
            KafkaOperations<String, String> deadLetters, ObservationRegistry observations, MeterRegistry meters,
            InboxSettings settings) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.consumers = consumers;
        this.deadLetters = deadLetters;
        this.observations = observations;
        this.meters = meters;
        this.settings = settings;
    }

    /** How the consumer retries and how many consumers run. */
    public record InboxSettings(String groupId, int concurrency, int maxAttempts, Duration initialBackoff,
            double multiplier, Duration maxBackoff, boolean batch) {
    }

    @Override
    public synchronized void start() {
        if (container != null) {
            return;
        }
        Set<String> topics = registry.topics();
        if (topics.isEmpty()) {
            log.info("No @EventHandler in this service: the inbox consumer stays idle");
            return;
        }
        ContainerProperties properties = new ContainerProperties(topics.toArray(String[]::new));
        properties.setGroupId(settings.groupId());
        if (settings.batch()) {
            properties.setMessageListener((BatchMessageListener<String, String>) dispatcher::dispatchBatch);
        } else {
            properties.setMessageListener((MessageListener<String, String>) dispatcher::dispatch);
            // the container's observation continues the producer's trace; batches do it per record themselves
            properties.setObservationEnabled(true);
            properties.setObservationRegistry(observations);
            properties.setDeliveryAttemptHeader(true);
        }
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        ConcurrentMessageListenerContainer<String, String> created = new ConcurrentMessageListenerContainer<>(consumers, properties);
        created.setConcurrency(settings.concurrency());
        created.setBeanName("atelier-inbox");
        created.setCommonErrorHandler(errorHandler());
        created.start();
        container = created;
        log.info("Inbox consumer group {} subscribed to {}", settings.groupId(), topics);
    }

    private DefaultErrorHandler errorHandler() {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, exception) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
        recoverer.addHeadersFunction((record, exception) -> {
            Headers extra = new RecordHeaders();
            int attempts = settings.batch() ? Math.max(1, dispatcher.failedAttempts(record)) : attemptsOf(record.headers());
            dispatcher.forgetAttempts(record);
            extra.add(ATTEMPTS_HEADER, String.valueOf(attempts).getBytes(StandardCharsets.UTF_8));
            Throwable root = NestedExceptionUtils.getMostSpecificCause(exception);
            extra.add(REASON_HEADER, String.valueOf(root.getMessage()).getBytes(StandardCharsets.UTF_8));
            log.error("Dead-lettering {}-{}@{} to {} after {} attempt(s): {}", record.topic(), record.partition(),
                    record.offset(), Topics.deadLetterOf(record.topic()), attempts, root.toString());
            Header type = record.headers().lastHeader("eventType");
            meters.counter("atelier.inbox.dead.lettered", "topic", record.topic(),
                    "event", type == null ? "unknown" : new String(type.value(), StandardCharsets.UTF_8)).increment();
            return extra;
        });
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(Math.max(0, settings.maxAttempts() - 1));
        backOff.setInitialInterval(settings.initialBackoff().toMillis());
        backOff.setMultiplier(settings.multiplier());
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UndeliverableEventException.class);
        return handler;
    }

    private static int attemptsOf(Headers headers) {
        Header attempt = headers.lastHeader(KafkaHeaders.DELIVERY_ATTEMPT);
        return attempt == null || attempt.value().length != Integer.BYTES ? 1 : ByteBuffer.wrap(attempt.value()).getInt();
    }

    @Override
    public synchronized void stop() {
        ConcurrentMessageListenerContainer<String, String> running = container;
        container = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return container != null;
    }

    /** Starts after, and stops before, the relay, so that the last effects are still published. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    public @Nullable ConcurrentMessageListenerContainer<String, String> container() {
        return container;
    }
}
