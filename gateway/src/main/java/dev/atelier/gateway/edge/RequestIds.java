package dev.atelier.gateway.edge;

import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id} (the caller's, when it is a sane token, else a new one), passes it
 * to the service and back to the caller, and writes one access-log line per request with it, the W3C trace id,
 * the route, the status and the time taken: the line an operator greps when a shopper quotes the id.
 */
@Component
class RequestIds implements WebFilter, Ordered {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Logger access = LoggerFactory.getLogger("dev.atelier.gateway.access");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, id)).build();
        exchange.getResponse().getHeaders().set(HEADER, id);
        long started = System.nanoTime();
        ServerWebExchange tagged = exchange.mutate().request(request).build();
        return chain.filter(tagged).doFinally(signal -> log(tagged, id, started));
    }

    private static void log(ServerWebExchange exchange, String id, long started) {
        if (!access.isInfoEnabled()) {
            return;
        }
        var route = exchange.<org.springframework.cloud.gateway.route.Route>getAttribute(
                org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        var status = exchange.getResponse().getStatusCode();
        access.info("{} {} {} route={} {}ms request_id={} trace_id={}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), status == null ? "-" : status.value(),
                route == null ? "-" : route.getId(), (System.nanoTime() - started) / 1_000_000, id,
                traceId(exchange));
    }

    /** The trace id of the request's server observation (the one propagated to the services), or "-". */
    static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(span -> span.context().traceId())
                .orElse("-");
    }
}
