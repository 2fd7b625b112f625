package dev.atelier.gateway.edge;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import dev.atelier.gateway.edge.RouteTable.Kind;
import dev.atelier.gateway.edge.RouteTable.Route;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Builds the gateway's routes from {@link RouteTable}: each in its service's waiting line ({@link Admission}; an event
 * stream excepted) and behind its service's circuit breaker (a failing
 * service answers a problem+json 503 at once instead of tying up connections), with the timeout of its kind
 * (a slow service is a 504 within it), and idempotent reads retried once on a connection failure or a 502/503. An
 * API route's reads may be answered from the gateway's {@link ResponseCache} when the service declares them public.
 * Nothing else is retried: a POST may have taken effect before the connection broke. A signed-in shopper's access
 * token is relayed to every service but the webhooks'.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

    @Bean
    RouteLocator serviceRouteLocator(RouteLocatorBuilder builder, ServiceLocations locations, EdgeProperties edge) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Route route : RouteTable.ROUTES) {
            Duration timeout = route.kind() == Kind.API || route.kind() == Kind.STREAM ? edge.apiTimeout()
                    : edge.slowTimeout();
            routes.route(route.id(), spec -> spec
                    .path(route.paths().toArray(String[]::new))
                    .filters(filters -> filters(filters, route))
                    .metadata(RESPONSE_TIMEOUT_ATTR, timeout.toMillis())
                    .metadata(CONNECT_TIMEOUT_ATTR, (int) edge.connectTimeout().toMillis())
                    .metadata(Fallbacks.SERVICE_METADATA, route.service())
                    .metadata(ResponseCache.METADATA, route.kind() == Kind.API)
                    .metadata(route.kind() == Kind.STREAM ? Map.<String, Object>of()
                            : Map.<String, Object>of(Admission.LINE_METADATA, route.service()))
                    .uri(locations.of(route.service())));
        }
        return routes.build();
    }

    private static GatewayFilterSpec filters(GatewayFilterSpec filters, Route route) {
        GatewayFilterSpec spec = filters.preserveHostHeader()
                .circuitBreaker(breaker -> breaker
                        .setName(breakerName(route))
                        .setFallbackUri("forward:" + Fallbacks.PATH + "/" + route.service()));
        if (route.kind() != Kind.WEBHOOK) {
            // a signed-in browser's access token (refreshed when it expired) goes to the service as a bearer token;
            // an anonymous request passes unchanged
            spec = spec.tokenRelay();
        }
        if (route.kind() == Kind.STREAM) {
            spec = spec.filter(new StreamRetry());
        }
        if (route.kind() == Kind.API || route.kind() == Kind.PAGE) {
            spec = spec.retry(retry -> retry.setRetries(1)
                    .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                    .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                    .setExceptions(IOException.class)
                    .setBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, false));
        }
        return spec;
    }

    /** The circuit breaker a route's calls count in: its service's, but a stream's own (see {@link Kind#STREAM}). */
    static String breakerName(Route route) {
        return route.kind() == Kind.STREAM ? route.service() + "-stream" : route.service();
    }

    /** What a timed-out call looks like to the fallback, whichever layer noticed it. */
    static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof org.springframework.web.server.ResponseStatusException status
                    && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return true;
            }
        }
        return false;
    }
}
