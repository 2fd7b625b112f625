package dev.atelier.gateway.edge;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The waiting line in front of each service: at most {@code concurrency} calls of this gateway are in flight to one
 * service, and a rush beyond that (a flash sale, a crawler) waits its turn here, first come first served, instead
 * of piling onto the service until every call is slow, times out and opens its circuit. Waiting costs no thread:
 * a waiting call is a callback in a queue.
 *
 * <p>A call's route timeout starts when its turn comes, and waiting never counts against the service's circuit
 * breaker (this filter runs before it). A call that cannot wait (the line is full, or its turn has not come within
 * {@code max-wait}) is answered 503 problem+json {@code store-busy} with {@code Retry-After}: nothing reached the
 * service, so trying again is safe. An order's event stream does not queue: it would hold its place for minutes.
 *
 * <p>Each gateway replica keeps its own line; with several replicas a service sees up to replicas × concurrency.
 */
@Component
class Admission implements GlobalFilter, Ordered {

    /** Route metadata naming the service whose line a route's calls wait in; routes without it do not queue. */
    static final String LINE_METADATA = "atelier-admission";

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final AdmissionProperties properties;
    private final MeterRegistry meters;
    private final Map<String, Line> lines = new ConcurrentHashMap<>();

    Admission(AdmissionProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    /** Before the routes' own filters (circuit breaker, retry) and the response writer, which run at order ≥ -1. */
    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Object service = route == null ? null : route.getMetadata().get(LINE_METADATA);
        if (service == null) {
            return chain.filter(exchange);
        }
        Line line = lines.computeIfAbsent(service.toString(), this::line);
        // set (under the line's lock) once the call has its turn, and given back exactly once however the call ends:
        // answered, failed, timed out while waiting, or cancelled by a shopper who left at any moment
        AtomicBoolean holding = new AtomicBoolean();
        return line.turn(holding)
                .timeout(properties.maxWait(), Mono.error(new TooLate()))
                .then(Mono.defer(() -> chain.filter(exchange)))
                .doFinally(signal -> {
                    if (holding.compareAndSet(true, false)) {
                        line.leave();
                    }
                })
                .onErrorResume(LineFull.class, full -> refuse(exchange, line, "the line is full"))
                .onErrorResume(TooLate.class, late -> refuse(exchange, line,
                        "no turn within " + properties.maxWait().toSeconds() + " s"));
    }

    /** How many calls wait in front of a service right now (for tests and the gauge). */
    int waiting(String service) {
        Line line = lines.get(service);
        return line == null ? 0 : line.waiting();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Line line, String why) {
        line.refused.increment();
        Duration retryAfter = Duration.ofSeconds(Math.max(1, Math.min(10, properties.maxWait().toSeconds() / 3)));
        log.warn("{} is busy, {}: {} {} answered 503", line.service, why, exchange.getRequest().getMethod(),
                exchange.getRequest().getPath());
        return EdgeProblems.write(exchange, EdgeProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-busy",
                "The store is very busy", "many shoppers are being served right now and your request has not "
                        + "reached the " + line.service + " service; nothing has changed, try again in "
                        + retryAfter.toSeconds() + " s"), retryAfter);
    }

    private Line line(String service) {
        Line line = new Line(service, properties.concurrency(), properties.queue(),
                Counter.builder("gateway.admission.refused").tag("service", service)
                        .description("calls refused because the service's line was full or too slow")
                        .register(meters));
        Gauge.builder("gateway.admission.waiting", line, Line::waiting).tag("service", service)
                .description("calls waiting for their turn to reach the service").register(meters);
        Gauge.builder("gateway.admission.in-flight", line, Line::inFlight).tag("service", service)
                .description("calls of this gateway in flight to the service").register(meters);
        return line;
    }

    /** Raised when a call finds the line full. */
    private static final class LineFull extends RuntimeException {
        LineFull() {
            super(null, null, false, false);
        }
    }

    /** Raised when a call's turn has not come within the longest wait. */
    private static final class TooLate extends RuntimeException {
        TooLate() {
            super(null, null, false, false);
        }
    }

    /**
     * One service's line: a count of calls in flight and a FIFO of callbacks waiting for a turn, under one lock
     * held only for a few field updates. A turn is marked on the call's {@code holding} flag under the lock, so that
     * the call gives it back (or passes it on) exactly once, even when it gives up at the moment its turn comes.
     */
    static final class Line {

        private final String service;
        private final int concurrency;
        private final int capacity;
        private final Counter refused;
        private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
        private int inFlight;

        Line(String service, int concurrency, int capacity, Counter refused) {
            this.service = service;
            this.concurrency = concurrency;
            this.capacity = capacity;
            this.refused = refused;
        }

        /**
         * Completes when it is this call's turn, with {@code holding} set; fails with {@link LineFull} at once if
         * the line is full.
         */
        Mono<Void> turn(AtomicBoolean holding) {
            return Mono.create(sink -> {
                Waiter waiter = new Waiter(sink, holding);
                boolean now = false;
                boolean full = false;
                synchronized (this) {
                    if (inFlight < concurrency) {
                        inFlight++;
                        holding.set(true);
                        now = true;
                    } else if (queue.size() >= capacity) {
                        full = true;
                    } else {
                        queue.addLast(waiter);
                    }
                }
                if (now) {
                    sink.success();
                } else if (full) {
                    sink.error(new LineFull());
                } else {
                    // a call that gives up while waiting leaves the line; one handed its turn meanwhile holds it,
                    // and gives it back when it finishes
                    sink.onCancel(() -> {
                        synchronized (this) {
                            queue.remove(waiter);
                        }
                    });
                }
            });
        }

        /** A call in flight finished: the first waiter gets its turn, or the slot is freed. */
        void leave() {
            Waiter next;
            synchronized (this) {
                next = queue.pollFirst();
                if (next == null) {
                    inFlight--;
                    return;
                }
                next.holding.set(true);
            }
            next.sink.success();
        }

        synchronized int waiting() {
            return queue.size();
        }

        synchronized int inFlight() {
            return inFlight;
        }

        private record Waiter(MonoSink<Void> sink, AtomicBoolean holding) {
        }
    }
}
