package dev.atelier.messaging.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the relay's health in a group of its own, {@code /actuator/health/relay}, as a default a service may
 * override: the relay's state is for operators and alerts, not for liveness or readiness (a broker outage must
 * not take the shop's HTTP API down; the outbox holds the events until Kafka is back).
 */
class MessagingEnvironmentDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "atelierMessagingDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // a group naming a contributor that does not exist fails the start-up: only where a relay runs
        if (!environment.getProperty("atelier.messaging.relay.enabled", Boolean.class, true)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "management.endpoint.health.group.relay.include", "outboxRelay",
                "management.endpoint.health.group.relay.show-details", "always")));
    }
}
