package dev.atelier.inventory.reservation;

import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderLine;
import dev.atelier.inventory.bundle.Bundles;
import dev.atelier.inventory.stock.StockFigures;
import dev.atelier.inventory.stock.Stock;
import dev.atelier.messaging.inbox.UndeliverableEventException;
import dev.atelier.messaging.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checkout's side of inventory: reserve every line of an order or none, commit a paid order's reservation,
 * give back a cancelled or expired one. Each step is idempotent per order and runs in the caller's transaction
 * (the inbox's, or the expiry job's), and a repeated request gets the answer already decided, changing nothing.
 * A paid order whose stock was not held for it is refused with a {@link StockCommitRefused} event, so that the
 * order-service refunds or re-reserves, and counted in {@code atelier.inventory.commit.refused{reason}} (alert).
 */
@Service
class ReservationDesk {

    private static final Logger log = LoggerFactory.getLogger(ReservationDesk.class);

    private final Reservations reservations;
    private final Stock stock;
    private final Bundles bundles;
    private final Outbox outbox;
    private final ReservationProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    ReservationDesk(Reservations reservations, Stock stock, Bundles bundles, Outbox outbox,
            ReservationProperties properties, MeterRegistry meters) {
        this.meters = meters;
        this.reservations = reservations;
        this.stock = stock;
        this.bundles = bundles;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /**
     * Locks the SKUs in a fixed order, checks that every line fits, then takes them with one conditional
     * UPDATE each. A second OrderPlaced for the same order (an orchestrator that timed out and asks again) finds
     * its reservation, changes nothing and gets the same answer again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(UUID orderId, List<OrderLine> lines) {
        // to the microsecond PostgreSQL keeps, so that a repeated answer is the same to the last digit
        Instant expiresAt = clock.instant().plus(properties.holdFor()).truncatedTo(ChronoUnit.MICROS);
        SortedMap<String, Integer> wanted = bundles.expand(requested(orderId, lines));
        List<StockLine> held = wanted.entrySet().stream().map(e -> new StockLine(e.getKey(), e.getValue())).toList();
        if (!reservations.open(orderId, expiresAt, held)) {
            answerAgain(orderId);
            return;
        }
        List<RejectedLine> shortLines = wanted.size() == 1 ? reserveOne(orderId, wanted) : reserveAll(orderId, wanted);
        if (!shortLines.isEmpty()) {
            reservations.markRejected(orderId, shortLines);
            outbox.record(new StockRejected(orderId, shortLines));
            return;
        }
        outbox.record(new StockReserved(orderId, held, expiresAt));
    }

    /** The answer given to the order's first OrderPlaced, once more: reserved (whatever happened since) or rejected. */
    private void answerAgain(UUID orderId) {
        Reservations.Decided decided = reservations.decided(orderId)
                .orElseThrow(() -> new IllegalStateException("reservation of order " + orderId + " vanished"));
        List<StockLine> lines = reservations.lines(orderId);
        log.info("Order {} placed again; its reservation is {}: answering as before", orderId, decided.status());
        if (decided.status() == ReservationStatus.REJECTED) {
            List<RejectedLine> shortLines = decided.rejectedLines() != null ? decided.rejectedLines()
                    : lines.stream().map(line -> new RejectedLine(line.sku(), line.quantity(),
                            stock.find(line.sku()).map(StockFigures::available).orElse(0L))).toList();
            outbox.record(new StockRejected(orderId, shortLines));
        } else {
            outbox.record(new StockReserved(orderId, lines, Objects.requireNonNull(decided.expiresAt(),
                    "a granted reservation has an expiry")));
        }
    }

    /** One SKU: its conditional UPDATE is the whole decision, nothing needs locking first. */
    private List<RejectedLine> reserveOne(UUID orderId, SortedMap<String, Integer> wanted) {
        String sku = wanted.firstKey();
        int quantity = wanted.get(sku);
        if (take(orderId, sku, quantity)) {
            return List.of();
        }
        long available = stock.find(sku).map(StockFigures::available).orElse(0L);
        return List.of(new RejectedLine(sku, quantity, available));
    }

    /** Several SKUs: lock them in SKU order, check every line, then take them all (or none). */
    private List<RejectedLine> reserveAll(UUID orderId, SortedMap<String, Integer> wanted) {
        Map<String, StockFigures> figures = stock.lockInSkuOrder(wanted.keySet()).stream()
                .collect(Collectors.toMap(StockFigures::sku, Function.identity()));
        List<RejectedLine> shortLines = new ArrayList<>();
        wanted.forEach((sku, quantity) -> {
            StockFigures current = figures.get(sku);
            long available = current == null ? 0 : current.available();
            if (available < quantity) {
                shortLines.add(new RejectedLine(sku, quantity, available));
            }
        });
        if (shortLines.isEmpty()) {
            wanted.forEach((sku, quantity) -> {
                if (!take(orderId, sku, quantity)) {
                    throw new IllegalStateException("locked stock of " + sku + " changed under order " + orderId);
                }
            });
        }
        return shortLines;
    }

    private boolean take(UUID orderId, String sku, int quantity) {
        return stock.reserve(sku, quantity, orderId);
    }

    private static Map<String, Integer> requested(UUID orderId, List<OrderLine> lines) {
        if (lines.isEmpty()) {
            throw new UndeliverableEventException("order " + orderId + " has no lines");
        }
        Map<String, Integer> requested = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            if (line.quantity() <= 0) {
                throw new UndeliverableEventException("order " + orderId + " asks for " + line.quantity() + " of "
                        + line.sku());
            }
            requested.merge(line.sku(), line.quantity(), Math::addExact);
        }
        return requested;
    }

    /**
     * A paid order: the held units leave the shelf. When the stock was not held for it (given back, expired, never
     * reserved, or the order never seen), the commit is refused with a {@link StockCommitRefused} fact.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void commit(UUID orderId) {
        Optional<ReservationStatus> status = reservations.lock(orderId);
        if (status.isEmpty()) {
            refuseCommit(orderId, "NOT_PLACED", List.of());
            return;
        }
        switch (status.get()) {
            case COMMITTED -> log.info("Order {} is committed already", orderId);
            case HELD -> {
                List<StockLine> lines = reservations.lines(orderId);
                for (StockLine line : lines) {
                    stock.commit(line.sku(), line.quantity(), orderId);
                }
                reservations.markEnded(orderId, ReservationStatus.COMMITTED, null);
                outbox.record(new StockCommitted(orderId, lines));
            }
            case RELEASED, EXPIRED, REJECTED -> refuseCommit(orderId, status.get().name(), reservations.lines(orderId));
        }
    }

    private void refuseCommit(UUID orderId, String reason, List<StockLine> lines) {
        log.error("ALERT: order {} was confirmed (paid) but its stock was not held for it ({}): refusing to commit; "
                + "the order-service refunds or re-reserves", orderId, reason);
        meters.counter("atelier.inventory.commit.refused", "reason", reason).increment();
        outbox.record(new StockCommitRefused(orderId, reason, lines));
    }

    /** A cancelled order gives its stock back; nothing happens for an order that holds none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(UUID orderId, String cancelReason) {
        Optional<ReservationStatus> status = reservations.lock(orderId);
        if (status.isEmpty() || status.get() != ReservationStatus.HELD) {
            log.info("Order {} cancelled ({}); its reservation is {}: nothing to release", orderId, cancelReason,
                    status.map(Enum::name).orElse("unknown"));
            return;
        }
        giveBack(orderId, ReservationStatus.RELEASED, "CANCELLED", cancelReason);
    }

    /** Releases held reservations past their time; returns how many it released. */
    @Transactional
    public int expireDue(int limit) {
        List<UUID> due = reservations.lockExpired(limit);
        if (due.isEmpty()) {
            return 0;
        }
        // every SKU of every due reservation at once, in SKU order: the order the consumers follow too
        stock.lockInSkuOrder(new TreeSet<>(reservations.skusOf(due)));
        for (UUID orderId : due) {
            giveBack(orderId, ReservationStatus.EXPIRED, "EXPIRED", "held past its expiry");
        }
        return due.size();
    }

    /** Gives the held units back: released for a cancelled order, expired for one not paid in time. */
    private void giveBack(UUID orderId, ReservationStatus ended, String reason, String note) {
        List<StockLine> lines = reservations.lines(orderId);
        for (StockLine line : lines) {
            if (ended == ReservationStatus.EXPIRED) {
                stock.expire(line.sku(), line.quantity(), orderId, note);
            } else {
                stock.release(line.sku(), line.quantity(), orderId, note);
            }
        }
        reservations.markEnded(orderId, ended, reason);
        outbox.record(new StockReleased(orderId, reason, lines));
    }
}
