package dev.atelier.messaging.config;

import dev.atelier.events.EventCatalog;
import dev.atelier.messaging.deadletter.DeadLetters;
import dev.atelier.messaging.deadletter.DeadLettersEndpoint;
import dev.atelier.messaging.inbox.BatchLocking;
import dev.atelier.messaging.inbox.EventHandlerRegistry;
import dev.atelier.messaging.inbox.InboxDispatcher;
import dev.atelier.messaging.inbox.InboxListener;
import dev.atelier.messaging.inbox.InboxRetention;
import dev.atelier.messaging.outbox.JdbcOutbox;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.messaging.relay.OutboxRelay;
import dev.atelier.messaging.relay.OutboxRelayHealthIndicator;
import dev.atelier.messaging.relay.RelaySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
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
 * Gives every service the outbox, its Debezium relay to Kafka and the idempotent inbox consumer, from the
 * service's datasource and {@code spring.kafka.*} settings.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventCatalog eventCatalog() {
        return EventCatalog.standard();
    }

    @Bean
    @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
    FlywayMigrationStrategy messagingSchemaMigration() {
        return new MessagingSchemaMigration();
    }

    @Bean
    @ConditionalOnMissingBean(Outbox.class)
    Outbox outbox(DataSource dataSource, EventCatalog catalog, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new JdbcOutbox(new JdbcTemplate(dataSource), catalog, traceparentOf(tracer, propagator));
    }

    /** The W3C traceparent of the current span, or null when there is no tracing or no span. */
    static Supplier<@Nullable String> traceparentOf(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        return () -> {
            Tracer tracer = tracers.getIfAvailable();
            Propagator propagator = propagators.getIfAvailable();
            if (tracer == null || propagator == null) {
                return null;
            }
            Span span = tracer.currentSpan();
            if (span == null) {
                return null;
            }
            Map<String, String> carrier = new HashMap<>();
            propagator.inject(span.context(), carrier, Map::put);
            return carrier.get("traceparent");
        };
    }

    static String applicationName(Environment environment) {
        return environment.getProperty("spring.application.name", "atelier");
    }

    @Bean
    @ConditionalOnProperty(prefix = "atelier.messaging.relay", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(MessagingProperties properties, DataSourceProperties dataSource, KafkaProperties kafka,
            DataSource source, ObjectProvider<MeterRegistry> meters,
            Environment environment) {
        MessagingProperties.Relay relay = properties.relay();
        String name = relay.name() != null ? relay.name() : applicationName(environment);
        RelaySettings settings = RelaySettings.resolve(name, dataSource.getUrl(), dataSource.getUsername(),
                dataSource.getPassword(), relay.connection(), relay.slotName(),
                new RelaySettings.Pacing(relay.pollInterval(), relay.maxBatchSize(), relay.offsetFlushInterval(),
                        relay.sendTimeout(), relay.restartBackoff(), relay.maxRestartBackoff(), relay.standbyPoll(),
                        relay.releaseLockAfterFailures(), relay.heartbeatInterval()),
                relay.debezium());
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-outbox-relay");
        // send() waits for metadata at most as long as a batch may take: a broker outage fails the relay in time
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, relay.sendTimeout().toMillis());
        DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(producer,
                new StringSerializer(), new StringSerializer());
        return new OutboxRelay(settings, factory::createNonTransactionalProducer, new JdbcTemplate(source),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    OutboxRelayHealthIndicator outboxRelayHealthIndicator(OutboxRelay relay) {
        return new OutboxRelayHealthIndicator(relay);
    }

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
        return new DeadLetters(registry::topics, groupId(properties, environment), kafka.buildConsumerProperties(),
                dispatcher::dispatch);
    }

    @Bean
    @ConditionalOnBean(DeadLetters.class)
    DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
        return new DeadLettersEndpoint(deadLetters);
    }

    private static String groupId(MessagingProperties properties, Environment environment) {
        String groupId = properties.inbox().groupId();
        return groupId != null ? groupId : applicationName(environment);
    }

    @Bean
    @ConditionalOnBean(InboxDispatcher.class)
    InboxListener inboxListener(EventHandlerRegistry registry, InboxDispatcher dispatcher, KafkaProperties kafka,
            MessagingProperties properties, ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<MeterRegistry> meters, Environment environment) {
        MessagingProperties.Inbox inbox = properties.inbox();
        String groupId = groupId(properties, environment);
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
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
