package dev.atelier.gateway.edge;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.netty.http.client.HttpClient;

/**
 * Initialises the gateway's HTTP client (event loops, DNS resolver, native transport) before readiness, so the
 * first shopper's request does not pay several hundred milliseconds of it, or a timeout on a busy machine.
 */
@Component
class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private final HttpClient client;

    WarmUp(HttpClient client) {
        this.client = client;
    }

    @EventListener(ApplicationStartedEvent.class)
    void warmUp() {
        long started = System.nanoTime();
        client.warmup().block(Duration.ofSeconds(10));
        log.info("HTTP client warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
