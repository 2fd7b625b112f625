package dev.atelier.gateway.edge;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Asks a stream's service once more when the connection failed before anything was sent to the client: a
 * {@code GET} of an event stream reads, so a second request is safe, and a browser's {@code EventSource} gives up
 * for good on an error status (it only reconnects after a network failure), so the wait page would have stopped
 * following its order. Under a flash sale's rush, order-service's connections were sometimes closed before they
 * answered ("Connection prematurely closed BEFORE response"), and those shoppers got a 503 for a stream that a
 * second request would have opened.
 *
 * <p>Never retried: a timeout (the service is slow, not gone: asking again doubles its load), a failure after the
 * stream's headers went out (the client has a stream already; it must see it end), and anything but a read. The
 * generic retry filter of Spring Cloud Gateway would retry after the response was committed too, which is why the
 * stream routes have this one instead.
 */
final class StreamRetry implements GatewayFilter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRetry.class);
    static final Duration BACKOFF = Duration.ofMillis(50);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(failure -> {
            if (!retryable(exchange, failure)) {
                return Mono.error(failure);
            }
            LOG.info("{} {}: the service closed the connection before answering ({}); asking once more",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure.toString());
            ServerWebExchangeUtils.reset(exchange);
            return Mono.delay(BACKOFF).then(Mono.defer(() -> chain.filter(exchange)));
        });
    }

    static boolean retryable(ServerWebExchange exchange, Throwable failure) {
        HttpMethod method = exchange.getRequest().getMethod();
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && !exchange.getResponse().isCommitted()
                && !ServiceRoutes.isTimeout(failure)
                && isIoFailure(failure);
    }

    private static boolean isIoFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
