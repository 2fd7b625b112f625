package dev.atelier.messaging.relay;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The relay's state, slot and last error, in the {@code relay} health group ({@code /actuator/health/relay}); DOWN
 * while the relay is failed. Liveness and readiness do not include it.
 */
class OutboxRelayHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;

    OutboxRelayHealthIndicator(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public Health health() {
        RelayState state = relay.state();
        Health.Builder builder = state == RelayState.FAILED ? Health.down() : Health.up();
        builder.withDetail("state", state.name()).withDetail("slot", relay.slotName())
                .withDetail("consecutiveFailures", relay.consecutiveFailures())
                .withDetail("oldestPendingSeconds", relay.oldestPendingAge().toSeconds());
        Long slotLag = relay.slotLagBytes();
        if (slotLag != null) {
            builder.withDetail("slotLagBytes", slotLag);
        }
        String error = relay.lastError();
        if (error != null) {
            builder.withDetail("lastError", error);
        }
        return builder.build();
    }
}
