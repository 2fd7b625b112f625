package dev.atelier.order.fulfilment;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.order.OrderDelivered;
import dev.atelier.events.order.OrderItemFulfilmentChanged;
import dev.atelier.events.order.OrderShipped;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.order.checkout.Order;
import dev.atelier.order.checkout.OrderStatus;
import dev.atelier.order.checkout.Orders;
import dev.atelier.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the lines of a paid order through the workshop. Each change is one transaction under the order's row lock:
 * the lines, the order's status that follows from them, a timeline entry and the events (OrderItemFulfilmentChanged
 * per line, OrderShipped per parcel, OrderDelivered once every line arrived).
 */
@Service
public class Fulfilment {

    private final Orders orders;
    private final FulfilmentLines lines;
    private final Outbox outbox;
    private final Clock clock;

    Fulfilment(Orders orders, FulfilmentLines lines, Outbox outbox, Clock clock) {
        this.orders = orders;
        this.lines = lines;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Moves lines into production or to ready; shipping and delivery have their own methods. */
    @Transactional
    public void move(UUID orderId, List<UUID> lineIds, LineStatus to, String actor) {
        if (to == LineStatus.SHIPPED || to == LineStatus.DELIVERED || to == LineStatus.PENDING) {
            throw new IllegalArgumentException("status must be IN_PRODUCTION or READY; ship and deliver have their own "
                    + "requests");
        }
        change(orderId, lineIds, to, actor, (order, changed) -> {
            changed.forEach(line -> lines.move(orderId, line.lineId(), to, clock.instant()));
            return new Result(changed.size() + " line(s) " + to, List.of());
        });
    }

    /** One parcel: the lines leave with a carrier and a tracking number. */
    @Transactional
    public void ship(UUID orderId, List<UUID> lineIds, String carrier, String trackingNumber,
            @Nullable String trackingUrl, String actor) {
        change(orderId, lineIds, LineStatus.SHIPPED, actor, (order, changed) -> {
            Instant now = clock.instant();
            changed.forEach(line -> lines.ship(orderId, line.lineId(), carrier, trackingNumber, trackingUrl, now));
            boolean complete = lines.of(orderId).stream()
                    .allMatch(l -> l.status() == LineStatus.SHIPPED || l.status() == LineStatus.DELIVERED);
            return new Result(changed.size() + " line(s) shipped with " + carrier + " " + trackingNumber,
                    List.of(new OrderShipped(orderId, order.number(), order.email(),
                            changed.stream().map(FulfilmentLines.Line::lineId).toList(), carrier, trackingNumber,
                            trackingUrl, complete, now)));
        });
    }

    /** The lines reached the shopper; without lines, every shipped line. */
    @Transactional
    public void deliver(UUID orderId, List<UUID> lineIds, String actor) {
        List<UUID> which = lineIds.isEmpty()
                ? lines.of(orderId).stream().filter(l -> l.status() == LineStatus.SHIPPED)
                        .map(FulfilmentLines.Line::lineId).toList()
                : lineIds;
        if (which.isEmpty()) {
            throw conflict("no line of order " + orderId + " is shipped and waiting for delivery");
        }
        change(orderId, which, LineStatus.DELIVERED, actor, (order, changed) -> {
            Instant now = clock.instant();
            changed.forEach(line -> lines.move(orderId, line.lineId(), LineStatus.DELIVERED, now));
            List<FulfilmentLines.Line> all = lines.of(orderId);
            List<DomainEvent> summary = all.stream().allMatch(l -> l.status() == LineStatus.DELIVERED)
                    ? List.of(new OrderDelivered(orderId, order.number(), order.email(), order.customerId(),
                            all.stream().map(FulfilmentLines.Line::sku).distinct().toList(), now))
                    : List.of();
            return new Result(changed.size() + " line(s) delivered", summary);
        });
    }

    private static ProblemException conflict(String detail) {
        return ProblemException.conflict("fulfilment-conflict", detail);
    }

    /** What a change did: the timeline's note, and the events that sum it up (after the lines' own events). */
    private record Result(String note, List<DomainEvent> summary) {
    }

    private interface Step {
        Result apply(Order order, List<FulfilmentLines.Line> changed);
    }

    private void change(UUID orderId, List<UUID> lineIds, LineStatus to, String actor, Step step) {
        OrderStatus status = orders.lockStatus(orderId)
                .orElseThrow(() -> ProblemException.notFound("unknown-order", "there is no order " + orderId));
        if (!status.isPaid()) {
            throw conflict("order " + orderId + " is " + status + "; only paid orders are fulfilled");
        }
        if (lineIds.isEmpty()) {
            throw new IllegalArgumentException("name at least one line");
        }
        Order order = orders.find(orderId).orElseThrow();
        Map<UUID, FulfilmentLines.Line> byId = lines.of(orderId).stream()
                .collect(Collectors.toMap(FulfilmentLines.Line::lineId, Function.identity()));
        Set<UUID> wanted = new LinkedHashSet<>(lineIds);
        List<FulfilmentLines.Line> changed = new ArrayList<>();
        for (UUID lineId : wanted) {
            FulfilmentLines.Line line = byId.get(lineId);
            if (line == null) {
                throw ProblemException.notFound("unknown-line", "order " + order.number() + " has no line " + lineId);
            }
            if (!line.status().canMoveTo(to)) {
                throw conflict("line " + lineId + " (" + line.sku() + ") is " + line.status()
                        + " and cannot move to " + to);
            }
            changed.add(line);
        }
        Result result = step.apply(order, changed);
        Instant now = clock.instant();
        OrderStatus next = LineStatus.orderStatusOf(lines.of(orderId).stream().map(FulfilmentLines.Line::status)
                .toList());
        orders.moveFulfilmentStatus(orderId, next, now);
        orders.appendTimeline(orderId, now, next, "Fulfilment", null, result.note() + " by " + actor);
        for (FulfilmentLines.Line line : changed) {
            outbox.record(new OrderItemFulfilmentChanged(orderId, order.number(), line.lineId(), line.sku(),
                    line.status().name(), to.name(), next.name(), now, actor));
        }
        result.summary().forEach(outbox::record);
    }
}
