package dev.atelier.gateway.edge;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends a call that failed: a timeout is a 504, an open circuit or an unreachable
 * service a 503 with {@code Retry-After}; both as problem+json naming the part of the store that is affected,
 * never a hang or an HTML page.
 */
@RestController
class Fallbacks {

    static final String PATH = "/_fallback";
    static final String SERVICE_METADATA = "atelier-service";

    private static final Logger log = LoggerFactory.getLogger(Fallbacks.class);

    private final EdgeProperties edge;

    Fallbacks(EdgeProperties edge) {
        this.edge = edge;
    }

    @RequestMapping(PATH + "/{service}")
    ResponseEntity<ProblemDetail> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure != null && ServiceRoutes.isTimeout(failure)) {
            log.warn("{} did not answer in time", service);
            return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(EdgeProblems.problem(
                    HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "The store took too long to answer",
                    "the " + service + " service did not answer in time; nothing is known to have changed, "
                            + "try again shortly"));
        }
        Duration retryAfter = edge.openCircuitRetryAfter();
        String why = failure instanceof CallNotPermittedException
                ? "is failing and is given a moment to recover" : "cannot be reached";
        log.warn("{} {}: {}", service, why, failure == null ? "no detail" : failure.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()))
                .body(EdgeProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                        "Part of the store is unavailable",
                        "the " + service + " service " + why + "; try again in " + retryAfter.toSeconds() + " s"));
    }
}
