package dev.atelier.gateway.edge;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Readiness that says which routes the gateway cannot serve: a route whose service's circuit breaker is open is
 * listed, and the gateway reports {@code DEGRADED} (answered 200, so the gateway stays in rotation: it still
 * serves every other route, and the refused ones answer a quick 503 problem). Every route served: {@code UP}.
 */
@Component("routes")
class RouteHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "some routes cannot be served: their service is failing");

    private final CircuitBreakerRegistry breakers;

    RouteHealth(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    @Override
    public Health health() {
        Map<String, Object> routes = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (RouteTable.Route route : RouteTable.ROUTES) {
            CircuitBreaker.State state = breakers.find(route.service()).map(CircuitBreaker::getState)
                    .orElse(CircuitBreaker.State.CLOSED);
            boolean served = state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
            routes.put(route.id(), served ? "served" : "unavailable (" + route.service() + " failing)");
            if (!served) {
                unavailable.add(route.id());
            }
        }
        return Health.status(unavailable.isEmpty() ? Status.UP : DEGRADED)
                .withDetail("unavailable", unavailable)
                .withDetail("routes", routes)
                .build();
    }
}
