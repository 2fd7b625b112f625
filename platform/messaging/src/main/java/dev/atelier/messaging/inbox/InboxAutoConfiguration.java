package dev.atelier.messaging.inbox;

import dev.atelier.events.EventCatalog;
import dev.atelier.messaging.config.MessagingAutoConfiguration;
import dev.atelier.messaging.config.MessagingProperties;
import dev.atelier.messaging.deadletter.DeadLetters;
import dev.atelier.messaging.deadletter.DeadLettersEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives the service its idempotent inbox: the registry of its {@link EventHandler}s, the dispatcher that applies a
 * record in one transaction with its inbox row, the Kafka consumer that feeds it, the retention job, and the
 * service's dead letters with their actuator endpoint. Only the registry exists when {@code
 * atelier.messaging.inbox.enabled=false}.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class InboxAutoConfiguration {

    @Bean
    static EventHandlerRegistry eventHandlerRegistry(ObjectProvider<EventCatalog> catalog) {
        return new EventHandlerRegistry(() -> catalog.getIfAvailable(EventCatalog::standard));
    }

    @Bean
    @ConditionalOnProperty(prefix = "atelier.messaging.inbox", name = "enabled", matchIfMissing = true)
    InboxDispatcher inboxDispatcher(EventCatalog catalog, EventHandlerRegistry registry, DataSource dataSource,
            PlatformTransactionManager transactionManager, ObjectProvider<MeterRegistry> meters,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
            ObjectProvider<BatchLocking> batchLocking) {
        return new InboxDispatcher(catalog, registry, new JdbcTemplate(dataSource),
                new TransactionTemplate(transactionManager), meters.getIfAvailable(SimpleMeterRegistry::new),
                tracer.getIfAvailable(), propagator.getIfAvailable(), batchLocking.orderedStream().toList());
    }

    @Bean
    @ConditionalOnBean(InboxDispatcher.class)
    InboxRetention inboxRetention(DataSource dataSource, PlatformTransactionManager transactionManager,
            MessagingProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new InboxRetention(new JdbcTemplate(dataSource), new TransactionTemplate(transactionManager),
                properties.inbox().retention(), properties.inbox().retentionCheck(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBean(InboxDispatcher.class)
    DeadLetters deadLetters(EventHandlerRegistry registry, InboxDispatcher dispatcher, KafkaProperties kafka,
            MessagingProperties properties, Environment environment) {
        return new DeadLetters(registry::topics, properties.groupId(environment), kafka.buildConsumerProperties(),
                dispatcher::dispatch);
    }

    @Bean
    @ConditionalOnBean(DeadLetters.class)
    DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
        return new DeadLettersEndpoint(deadLetters);
    }

    @Bean
    @ConditionalOnBean(InboxDispatcher.class)
    InboxListener inboxListener(EventHandlerRegistry registry, InboxDispatcher dispatcher, KafkaProperties kafka,
            MessagingProperties properties, ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<MeterRegistry> meters, Environment environment) {
        MessagingProperties.Inbox inbox = properties.inbox();
        String groupId = properties.groupId(environment);
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Kafka's defaults (1 byte, 500 ms) answer a fetch as soon as one record is there: under load every poll
        // then brings one or two records, each poll a transaction and an offset commit of its own
        consumer.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, (int) inbox.fetchMinSize().toBytes());
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) inbox.fetchMaxWait().toMillis());
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-dead-letters");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaTemplate<String, String> deadLetters = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new StringSerializer()));
        return new InboxListener(registry, dispatcher,
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new StringDeserializer()),
                deadLetters, observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                meters.getIfAvailable(SimpleMeterRegistry::new),
                new InboxListener.InboxSettings(groupId, inbox.concurrency(), inbox.maxAttempts(),
                        inbox.initialBackoff(), inbox.multiplier(), inbox.maxBackoff(), inbox.batch()));
    }
}
