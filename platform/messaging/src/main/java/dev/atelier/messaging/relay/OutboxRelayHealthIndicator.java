package dev.atelier.messaging.relay;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Shows the relay's state, slot and last error under {@code /actuator/health}. */
public class OutboxRelayHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;

    public OutboxRelayHealthIndicator(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public Health health() {
        RelayState state = relay.state();
        Health.Builder builder = state == RelayState.FAILED ? Health.down() : Health.up();
        builder.withDetail("state", state.name()).withDetail("slot", relay.settings().slotName());
        String error = relay.lastError();
        if (error != null) {
            builder.withDetail("lastError", error);
        }
        return builder.build();
    }
}
