package dev.atelier.messaging.inbox;

import dev.atelier.events.EventHeaders;
import dev.atelier.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The service's Kafka consumer: subscribes to the topics of its {@link EventHandler}s once every bean is known and
 * feeds each record to the {@link InboxDispatcher}.
 *
 * <p>A record that fails is retried with back-off while its partition is paused (the consumer keeps polling its
 * other partitions and stays in the group). A transient failure (see {@link TransientFailures}: the database
 * restarting, a lost connection, a deadlock, a lock timeout) is retried for as long as it lasts, the back-off
 * capped at {@code max-backoff}; it is never dead-lettered. Any other failure is retried up to
 * {@code max-attempts} times, and an {@link UndeliverableEventException} not at all, before the record goes to
 * this service's own dead-letter topic {@code <topic>.<service>.dlt} with the original headers, the reason and the
 * attempt count; then the consumer goes on with the next record.
 */
public class InboxListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxListener.class);

    private final EventHandlerRegistry registry;
    private final InboxDispatcher dispatcher;
    private final ConsumerFactory<String, String> consumers;
    private final KafkaOperations<String, String> deadLetters;
    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final InboxSettings settings;
    private final Counter transientRetries;
    private volatile @Nullable ConcurrentMessageListenerContainer<String, String> container;
    private volatile @Nullable ThreadPoolTaskScheduler backOffScheduler;

    InboxListener(EventHandlerRegistry registry, InboxDispatcher dispatcher, ConsumerFactory<String, String> consumers,
            KafkaOperations<String, String> deadLetters, ObservationRegistry observations, MeterRegistry meters,
            InboxSettings settings) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.consumers = consumers;
        this.deadLetters = deadLetters;
        this.observations = observations;
        this.meters = meters;
        this.settings = settings;
        this.transientRetries = Counter.builder("atelier.inbox.transient.retries")
                .description("Deliveries retried after a transient failure (database away, deadlock, lock timeout)")
                .register(meters);
    }

    /** How the consumer retries and how many consumers run. */
    record InboxSettings(String groupId, int concurrency, int maxAttempts, Duration initialBackoff,
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
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("atelier-inbox-backoff-");
        scheduler.initialize();
        backOffScheduler = scheduler;
        created.setCommonErrorHandler(errorHandler(scheduler));
        created.start();
        container = created;
        log.info("Inbox consumer group {} subscribed to {}", settings.groupId(), topics);
    }

    /** This service's dead-letter topic for {@code topic}. */
    String deadLetterTopicOf(String topic) {
        return Topics.deadLetterOf(topic, settings.groupId());
    }

    private DefaultErrorHandler errorHandler(ThreadPoolTaskScheduler scheduler) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, exception) -> new TopicPartition(deadLetterTopicOf(record.topic()), -1));
        recoverer.addHeadersFunction((record, exception) -> {
            Headers extra = new RecordHeaders();
            int attempts = settings.batch() ? Math.max(1, dispatcher.failedAttempts(record)) : attemptsOf(record.headers());
            dispatcher.forgetAttempts(record);
            extra.add(EventHeaders.DEAD_LETTER_ATTEMPTS, String.valueOf(attempts).getBytes(StandardCharsets.UTF_8));
            Throwable root = NestedExceptionUtils.getMostSpecificCause(exception);
            extra.add(EventHeaders.DEAD_LETTER_REASON, String.valueOf(root.getMessage()).getBytes(StandardCharsets.UTF_8));
            log.error("Dead-lettering {}-{}@{} to {} after {} attempt(s): {}", record.topic(), record.partition(),
                    record.offset(), deadLetterTopicOf(record.topic()), attempts, root.toString());
            Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
            meters.counter("atelier.inbox.dead.lettered", "topic", record.topic(),
                    "event", type == null ? "unknown" : new String(type.value(), StandardCharsets.UTF_8)).increment();
            return extra;
        });
        ExponentialBackOffWithMaxRetries limited = new ExponentialBackOffWithMaxRetries(Math.max(0, settings.maxAttempts() - 1));
        limited.setInitialInterval(settings.initialBackoff().toMillis());
        limited.setMultiplier(settings.multiplier());
        limited.setMaxInterval(settings.maxBackoff().toMillis());
        // no limit on attempts or elapsed time: the partition waits for the database as long as it is away
        ExponentialBackOff unlimited = new ExponentialBackOff(settings.initialBackoff().toMillis(), settings.multiplier());
        unlimited.setMaxInterval(settings.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, limited,
                new ContainerPausingBackOffHandler(new ListenerContainerPauseService(null, scheduler)));
        handler.setBackOffFunction((record, exception) -> TransientFailures.isTransient(exception) ? unlimited : null);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
                if (TransientFailures.isTransient(exception)) {
                    transientRetries.increment();
                    log.warn("Transient failure applying {}-{}@{} (attempt {}), retrying until it passes: {}",
                            record.topic(), record.partition(), record.offset(), deliveryAttempt,
                            NestedExceptionUtils.getMostSpecificCause(exception).toString());
                }
            }
        });
        // a transient failure followed by a real one starts the count of attempts afresh
        handler.setResetStateOnExceptionChange(true);
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
        ThreadPoolTaskScheduler scheduler = backOffScheduler;
        backOffScheduler = null;
        if (scheduler != null) {
            scheduler.shutdown();
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

    /** The running consumers (their assigned partitions, for tests and diagnostics); null while stopped. */
    public @Nullable ConcurrentMessageListenerContainer<String, String> container() {
        return container;
    }
}
