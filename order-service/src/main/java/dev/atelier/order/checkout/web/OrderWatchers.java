package dev.atelier.order.checkout.web;

import dev.atelier.order.checkout.OrderChanged;
import dev.atelier.order.checkout.OrderTracking;
import dev.atelier.order.checkout.OrderTracking.OrderDetails;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of orders' wait pages. A change this replica commits is sent at once (after the commit, on
 * a thread of its own, so that a slow browser never holds up the saga); one job polls the versions of all watched
 * orders at once for the changes other replicas make, and sends the order to its watchers when it changed. A stream
 * ends once the order is paid, cancelled or refunded, or after {@link #STREAM_FOR}.
 * <p>
 * A new watcher starts from the version read in the same statement as the state it was sent, never from one read
 * apart from it: the saga moves an order a few hundred milliseconds after it is placed, just when the wait page opens
 * its stream, and a change that committed between two reads would otherwise count as seen and never be sent (the page
 * then waited for nothing until the stream ran out). Once registered, a new watcher compares that version with the
 * order's at once, on the push thread, and reads and sends the order only if it moved meanwhile.
 */
@Component
class OrderWatchers {

    private static final Logger log = LoggerFactory.getLogger(OrderWatchers.class);
    static final Duration STREAM_FOR = Duration.ofMinutes(20);
    private static final Set<String> FINAL = Set.of("PAID", "CANCELLED", "REFUNDED");
    /** What a push after a change knows of the order's version: nothing, so the order is read. */
    private static final long UNKNOWN_VERSION = -1;

    /** Where a stream ends. */
    enum Until {
        /** The order is paid, cancelled or refunded: the order page's stream. */
        SETTLED,
        /**
         * Also once the order awaits payment and its payment page is known: the wait page, which sends the shopper
         * there and has nothing more to wait for.
         */
        PAYABLE;

        boolean reached(OrderResponse order) {
            return FINAL.contains(order.status()) || this == PAYABLE && order.status().equals("AWAITING_PAYMENT")
                    && order.paymentRedirectUrl() != null && !order.paymentRedirectUrl().isBlank();
        }
    }

    private final class Watcher {
        final SseEmitter emitter = new SseEmitter(STREAM_FOR.toMillis());
        final @Nullable String token;
        final Until until;
        /** The version of the state sent last. */
        volatile long version;
        /** What was sent last, so that a read that finds the same order sends nothing. */
        volatile @Nullable OrderResponse sent;

        Watcher(@Nullable String token, Until until, long version) {
            this.token = token;
            this.until = until;
            this.version = version;
        }
    }

    private final OrderTracking tracking;
    private final Map<UUID, List<Watcher>> watchers = new ConcurrentHashMap<>();
    private final ExecutorService pushes = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("order-stream-push").daemon().factory());

    OrderWatchers(OrderTracking tracking) {
        this.tracking = tracking;
    }

    /**
     * A stream that starts with {@code current} (as read by the caller, however long ago) and sends every change until
     * the order reaches {@code until}.
     */
    SseEmitter watch(UUID orderId, @Nullable String token, OrderDetails current, Until until) {
        Watcher watcher = new Watcher(token, until, current.version());
        Runnable forget = () -> forget(orderId, watcher);
        watcher.emitter.onCompletion(forget);
        watcher.emitter.onTimeout(forget);
        watcher.emitter.onError(e -> forget.run());
        OrderResponse first = OrderResponse.of(current);
        if (!send(watcher, first)) {
            return watcher.emitter;
        }
        if (until.reached(first)) {
            watcher.emitter.complete();
        } else {
            watchers.computeIfAbsent(orderId, id -> new CopyOnWriteArrayList<>()).add(watcher);
            push(orderId);
        }
        return watcher.emitter;
    }

    /**
     * A change this replica committed: sent to the order's watchers now rather than at the next poll. The order is
     * read at once (it did change), without asking for its version first.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(OrderChanged change) {
        if (watchers.containsKey(change.orderId())) {
            onPushThread(change.orderId(), () -> sendNewer(change.orderId(), UNKNOWN_VERSION));
        }
    }

    /** A new watcher: the order is read again only if its version moved since the read the watcher started from. */
    private void push(UUID orderId) {
        onPushThread(orderId, () -> sendChanges(List.of(orderId)));
    }

    private void onPushThread(UUID orderId, Runnable send) {
        try {
            pushes.execute(send);
        } catch (RejectedExecutionException e) {
            log.debug("Not pushing order {}: the service is stopping", orderId);
        }
    }

    /** The changes made elsewhere (by another replica), and any push that failed. */
    @Scheduled(fixedDelayString = "${atelier.checkout.watch-interval:300ms}")
    void sendChanges() {
        if (!watchers.isEmpty()) {
            sendChanges(List.copyOf(watchers.keySet()));
        }
    }

    private void sendChanges(List<UUID> orderIds) {
        Map<UUID, Long> versions = tracking.versions(orderIds);
        for (UUID orderId : orderIds) {
            sendNewer(orderId, versions.getOrDefault(orderId, 0L));
        }
    }

    /**
     * Sends the order to those of its watchers that have not seen {@code version} ({@link #UNKNOWN_VERSION}: read it
     * and see), reading it once per token: a shopper's wait page and order page (the first stream's end is noticed only
     * at its next write) need one read, not two. The poll and a push may both see a change: a watcher's lock makes sure
     * it is sent once, in order.
     */
    private void sendNewer(UUID orderId, long version) {
        Map<Optional<String>, Optional<OrderDetails>> reads = new HashMap<>();
        for (Watcher watcher : watchers.getOrDefault(orderId, List.of())) {
            synchronized (watcher) {
                if (version != UNKNOWN_VERSION && version <= watcher.version) {
                    continue;
                }
                Optional<OrderDetails> details = reads.computeIfAbsent(Optional.ofNullable(watcher.token),
                        token -> tracking.find(orderId, watcher.token));
                // the read may already show a later transition than the poll's version did
                if (details.isEmpty() || details.get().version() <= watcher.version) {
                    continue;
                }
                watcher.version = details.get().version();
                OrderResponse order = OrderResponse.of(details.get());
                if (order.equals(watcher.sent)) {
                    continue;
                }
                if (send(watcher, order) && watcher.until.reached(order)) {
                    watcher.emitter.complete();
                    forget(orderId, watcher);
                }
            }
        }
    }

    /** Ends every open stream when the service stops, so that the graceful shutdown does not wait for them. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        pushes.shutdownNow();
        watchers.values().forEach(ofOrder -> ofOrder.forEach(watcher -> watcher.emitter.complete()));
        watchers.clear();
    }

    private boolean send(Watcher watcher, OrderResponse order) {
        try {
            watcher.emitter.send(SseEmitter.event().name("order").id(Long.toString(watcher.version))
                    .data(order));
            watcher.sent = order;
            return true;
        } catch (IOException | IllegalStateException e) {
            log.debug("An order stream went away: {}", e.toString());
            watcher.emitter.completeWithError(e);
            return false;
        }
    }

    private void forget(UUID orderId, Watcher watcher) {
        watchers.computeIfPresent(orderId, (id, ofOrder) -> {
            ofOrder.remove(watcher);
            return ofOrder.isEmpty() ? null : ofOrder;
        });
    }
}
