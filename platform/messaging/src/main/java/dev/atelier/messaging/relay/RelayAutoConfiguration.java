package dev.atelier.messaging.relay;

import dev.atelier.messaging.config.MessagingAutoConfiguration;
import dev.atelier.messaging.config.MessagingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Gives the service its {@link OutboxRelay} to Kafka, from {@code atelier.messaging.relay.*}, the datasource and
 * {@code spring.kafka.*}, and the relay's health indicator for the {@code relay} health group. Off with
 * {@code atelier.messaging.relay.enabled=false}.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class RelayAutoConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "atelier.messaging.relay", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(MessagingProperties properties, DataSourceProperties dataSource, KafkaProperties kafka,
            DataSource source, ObjectProvider<MeterRegistry> meters, Environment environment) {
        MessagingProperties.Relay relay = properties.relay();
        String name = properties.relayName(environment);
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
}
