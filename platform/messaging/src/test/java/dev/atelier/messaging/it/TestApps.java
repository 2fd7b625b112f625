package dev.atelier.messaging.it;

import dev.atelier.testing.SharedInfrastructure;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the test applications against the JVM's embedded broker and a database of their own. */
final class TestApps {

    private TestApps() {
    }

    static Map<String, Object> settings(String name, String jdbcUrl, String migrations) {
        Map<String, Object> settings = SharedInfrastructure.get().springProperties(jdbcUrl);
        settings.put("spring.application.name", name);
        settings.put("spring.flyway.locations", migrations);
        settings.put("management.tracing.sampling.probability", "1.0");
        settings.put("management.otlp.metrics.export.enabled", "false");
        settings.put("atelier.messaging.inbox.max-attempts", "3");
        settings.put("atelier.messaging.inbox.initial-backoff", "50ms");
        settings.put("atelier.messaging.relay.restart-backoff", "200ms");
        settings.put("atelier.messaging.relay.max-restart-backoff", "1s");
        settings.put("atelier.messaging.relay.standby-poll", "500ms");
        settings.put("atelier.messaging.relay.heartbeat-interval", "300ms");
        settings.put("atelier.messaging.relay.debezium.slot.max.retries", "1");
        settings.put("atelier.messaging.relay.debezium.slot.retry.delay.ms", "200");
        settings.put("atelier.messaging.relay.debezium.errors.max.retries", "1");
        settings.put("atelier.messaging.relay.debezium.retriable.restart.connector.wait.ms", "200");
        return settings;
    }

    static ConfigurableApplicationContext start(Class<?> application, Map<String, Object> settings) {
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(settings)
                .run();
    }
}
