package dev.atelier.order.returns;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderRefunded;
import dev.atelier.events.order.RefundRequested;
import dev.atelier.events.order.ReturnApproved;
import dev.atelier.events.order.ReturnLine;
import dev.atelier.events.order.ReturnReceived;
import dev.atelier.events.order.ReturnRequested;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.order.checkout.Order;
import dev.atelier.order.checkout.Orders;
import dev.atelier.web.ProblemException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Returns of delivered lines: REQUESTED → APPROVED (or REFUSED) → RECEIVED → REFUND_REQUESTED → REFUNDED. A line
 * comes back within {@link #WINDOW} of its delivery, never more units than were bought (counting earlier returns);
 * the refund is the value of the received units or less (a partial refund), and never more than the order was paid.
 * Each change runs under the order's row lock, with its event in the same transaction.
 */
@Service
public class Returns {

    static final Duration WINDOW = Duration.ofDays(30);

    /** A line the shopper sends back. */
    public record LineRequest(UUID lineId, int quantity, String reason) {
    }

    /** A return as the admin and the shopper see it. */
    public record ReturnView(UUID returnId, UUID orderId, String status, List<ReturnLine> lines,
            @Nullable Money refundAmount, @Nullable String refusalReason, Instant requestedAt) {
    }

    private final Orders orders;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final ReturnsProperties properties;

    Returns(Orders orders, JdbcClient jdbc, Outbox outbox, Clock clock, ReturnsProperties properties) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional
    public ReturnView request(UUID orderId, List<LineRequest> requested, String by) {
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("name at least one line to return");
        }
        orders.lockStatus(orderId).orElseThrow(() -> unknownOrder(orderId));
        Order order = orders.find(orderId).orElseThrow();
        Instant now = clock.instant();
        UUID returnId = UUID.randomUUID();
        jdbc.sql("INSERT INTO order_return (id, order_id, status, requested_by, requested_at, currency) "
                        + "VALUES (?, ?, 'REQUESTED', ?, ?, ?)")
                .params(returnId, orderId, by, Timestamp.from(now),
                        order.totals().total().currency().getCurrencyCode()).update();
        for (LineRequest line : requested) {
            record Delivered(String sku, int quantity, @Nullable Timestamp deliveredAt, String status) {
            }
            Delivered delivered = jdbc.sql("SELECT sku, quantity, delivered_at, fulfilment_status FROM order_line "
                            + "WHERE order_id = ? AND line_id = ?")
                    .params(orderId, line.lineId())
                    .query((rs, n) -> new Delivered(rs.getString(1), rs.getInt(2), rs.getTimestamp(3), rs.getString(4)))
                    .optional().orElseThrow(() -> ProblemException.notFound("unknown-line",
                            "order " + order.number() + " has no line " + line.lineId()));
            if (!"DELIVERED".equals(delivered.status()) || delivered.deliveredAt() == null) {
                throw notAllowed("line " + line.lineId() + " (" + delivered.sku() + ") is " + delivered.status()
                        + "; only delivered lines can be returned");
            }
            if (delivered.deliveredAt().toInstant().plus(WINDOW).isBefore(now)) {
                throw notAllowed("line " + line.lineId() + " was delivered on " + delivered.deliveredAt().toInstant()
                        + ", more than " + WINDOW.toDays() + " days ago");
            }
            int alreadyReturned = jdbc.sql("""
                    SELECT coalesce(sum(rl.quantity), 0) FROM order_return_line rl JOIN order_return r ON r.id = rl.return_id
                    WHERE r.order_id = ? AND rl.line_id = ? AND r.status <> 'REFUSED'""")
                    .params(orderId, line.lineId()).query(Integer.class).single();
            if (line.quantity() > delivered.quantity() - alreadyReturned) {
                throw notAllowed("line " + line.lineId() + ": " + line.quantity() + " asked back, but "
                        + (delivered.quantity() - alreadyReturned) + " of " + delivered.quantity()
                        + " can still be returned");
            }
            jdbc.sql("INSERT INTO order_return_line (return_id, line_id, sku, quantity, reason) VALUES (?, ?, ?, ?, ?)")
                    .params(returnId, line.lineId(), delivered.sku(), line.quantity(), line.reason()).update();
        }
        orders.appendTimeline(orderId, now, orders.lockStatus(orderId).orElseThrow(), "ReturnRequested", null,
                "return of " + requested.size() + " line(s) asked for by " + by);
        ReturnView view = view(returnId);
        outbox.record(new ReturnRequested(orderId, order.number(), returnId, order.email(), view.lines(), by, now));
        return view;
    }

    /** Approves the return; ReturnApproved tells the shopper what to send back, by when, where, and the refund. */
    @Transactional
    public ReturnView approve(UUID returnId, String actor) {
        Instant now = clock.instant();
        ReturnView approved = decide(returnId, "APPROVED", null, actor, now);
        Order order = orders.find(approved.orderId()).orElseThrow();
        outbox.record(new ReturnApproved(order.id(), order.number(), returnId, order.email(), order.customerId(),
                approved.lines(), valueOf(approved.lines(), order), now.plus(properties.sendBackWithin()),
                properties.address(), actor, now));
        return approved;
    }

    @Transactional
    public ReturnView refuse(UUID returnId, String reason, String actor) {
        return decide(returnId, "REFUSED", reason, actor, clock.instant());
    }

    private ReturnView decide(UUID returnId, String decision, @Nullable String reason, String actor, Instant now) {
        ReturnView current = locked(returnId, "REQUESTED");
        jdbc.sql("UPDATE order_return SET status = ?, decided_by = ?, decided_at = ?, refusal_reason = ? WHERE id = ?")
                .params(decision, actor, Timestamp.from(now), reason, returnId).update();
        orders.appendTimeline(current.orderId(), now, orders.lockStatus(current.orderId()).orElseThrow(),
                "Return", null, "return " + decision.toLowerCase() + " by " + actor
                        + (reason == null ? "" : " (" + reason + ")"));
        return view(returnId);
    }

    /** The parcel arrived: which units can be sold again. Inventory restocks those on ReturnReceived. */
    @Transactional
    public ReturnView receive(UUID returnId, Map<UUID, Boolean> resellable, String actor) {
        ReturnView current = locked(returnId, "APPROVED");
        for (ReturnLine line : current.lines()) {
            Boolean canSell = resellable.get(line.lineId());
            if (canSell == null) {
                throw ProblemException.badRequest("invalid-request", "say whether line " + line.lineId()
                        + " is resellable");
            }
            jdbc.sql("UPDATE order_return_line SET resellable = ? WHERE return_id = ? AND line_id = ?")
                    .params(canSell, returnId, line.lineId()).update();
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE order_return SET status = 'RECEIVED', received_at = ? WHERE id = ?")
                .params(Timestamp.from(now), returnId).update();
        Order order = orders.find(current.orderId()).orElseThrow();
        ReturnView received = view(returnId);
        orders.appendTimeline(order.id(), now, orders.lockStatus(order.id()).orElseThrow(), "Return", null,
                "returned parcel received by " + actor);
        outbox.record(new ReturnReceived(order.id(), order.number(), returnId, received.lines(), now));
        return received;
    }

    /**
     * Asks payment-service to refund {@code amount} (the value of the returned units when null; less for a partial
     * refund). The return is REFUNDED when payment-service confirms it (PaymentRefunded).
     */
    @Transactional
    public ReturnView refund(UUID returnId, @Nullable Long amount, String actor) {
        ReturnView current = locked(returnId, "RECEIVED");
        Order order = orders.find(current.orderId()).orElseThrow();
        Currency currency = order.totals().total().currency();
        long value = valueOf(current.lines(), order).minor();
        long refunded = jdbc.sql("SELECT coalesce(sum(refund_amount), 0) FROM order_return WHERE order_id = ? "
                + "AND refund_amount IS NOT NULL").param(order.id()).query(Long.class).single();
        long refund = amount == null ? value : amount;
        if (refund <= 0 || refund > value) {
            throw ProblemException.badRequest("invalid-refund", "the refund must be between 0.01 and the value of "
                    + "the returned units (" + new Money(value, currency) + "), was " + new Money(refund, currency));
        }
        if (refunded + refund > order.totals().total().minor()) {
            throw notAllowed("the order was paid " + order.totals().total() + " and " + new Money(refunded, currency)
                    + " is already refunded");
        }
        Instant now = clock.instant();
        UUID refundId = UUID.randomUUID();
        jdbc.sql("UPDATE order_return SET status = 'REFUND_REQUESTED', refund_amount = ?, refund_id = ? WHERE id = ?")
                .params(refund, refundId, returnId).update();
        orders.appendTimeline(order.id(), now, orders.lockStatus(order.id()).orElseThrow(), "Return", null,
                "refund of " + new Money(refund, currency) + " for the return asked for by " + actor);
        outbox.record(new RefundRequested(order.id(), order.number(), refundId, orders.paymentIdOf(order.id())
                .orElse(null), new Money(refund, currency), "RETURN", now));
        return view(returnId);
    }

    /** payment-service refunded money of the order: the return that asked for that amount is refunded. */
    @Transactional
    void refunded(UUID orderId, Money amount) {
        Optional<UUID> returnId = jdbc.sql("SELECT id FROM order_return WHERE order_id = ? AND status = "
                        + "'REFUND_REQUESTED' AND refund_amount = ? ORDER BY requested_at LIMIT 1 FOR UPDATE")
                .params(orderId, amount.minor()).query(UUID.class).optional();
        if (returnId.isEmpty()) {
            return;
        }
        Order order = orders.find(orderId).orElseThrow();
        Instant now = clock.instant();
        jdbc.sql("UPDATE order_return SET status = 'REFUNDED', refunded_at = ? WHERE id = ?")
                .params(Timestamp.from(now), returnId.get()).update();
        outbox.record(new OrderRefunded(orderId, order.number(), order.email(), amount, "RETURN", returnId.get(), now));
    }

    /** What the returned units were bought for: the most a return's refund can be. */
    private static Money valueOf(List<ReturnLine> lines, Order order) {
        long value = 0;
        for (ReturnLine line : lines) {
            Money unitPrice = order.lines().stream().filter(l -> l.lineId().equals(line.lineId())).findFirst()
                    .orElseThrow().unitPrice();
            value += unitPrice.minor() * line.quantity();
        }
        return new Money(value, order.totals().total().currency());
    }

    public Optional<ReturnView> find(UUID returnId) {
        return jdbc.sql("SELECT id FROM order_return WHERE id = ?").param(returnId).query(UUID.class).optional()
                .map(this::view);
    }

    public List<ReturnView> ofOrder(UUID orderId) {
        return jdbc.sql("SELECT id FROM order_return WHERE order_id = ? ORDER BY requested_at").param(orderId)
                .query(UUID.class).list().stream().map(this::view).toList();
    }

    private ReturnView locked(UUID returnId, String expected) {
        UUID orderId = jdbc.sql("SELECT order_id FROM order_return WHERE id = ?").param(returnId).query(UUID.class)
                .optional().orElseThrow(() -> ProblemException.notFound("unknown-return", "there is no return "
                        + returnId));
        orders.lockStatus(orderId);
        ReturnView current = view(returnId);
        if (!current.status().equals(expected)) {
            throw notAllowed("the return is " + current.status() + ", not " + expected);
        }
        return current;
    }

    private ReturnView view(UUID returnId) {
        List<ReturnLine> lines = jdbc.sql("SELECT line_id, sku, quantity, reason, resellable FROM order_return_line "
                        + "WHERE return_id = ? ORDER BY sku, line_id").param(returnId)
                .query((rs, n) -> new ReturnLine(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        rs.getString(4), (Boolean) rs.getObject(5)))
                .list();
        return jdbc.sql("SELECT * FROM order_return WHERE id = ?").param(returnId)
                .query((rs, n) -> {
                    long refund = rs.getLong("refund_amount");
                    Money refundAmount = rs.wasNull() ? null : Money.of(refund, rs.getString("currency"));
                    return new ReturnView(returnId, rs.getObject("order_id", UUID.class), rs.getString("status"),
                            lines, refundAmount, rs.getString("refusal_reason"),
                            rs.getTimestamp("requested_at").toInstant());
                }).single();
    }

    private static ProblemException notAllowed(String detail) {
        return ProblemException.conflict("return-not-allowed", detail);
    }

    private static ProblemException unknownOrder(UUID orderId) {
        return ProblemException.notFound("unknown-order", "there is no order " + orderId);
    }
}
