package dev.atelier.order.privacy;

import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.order.checkout.Orders;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's erasure, for their orders (signed in, and as a guest under their e-mail). Orders are kept for
 * accounting: amounts, currency, SKUs, quantities, order numbers and dates stay; the e-mail, the shipping name and
 * address lines, the gift message, the personalisation's values, the shopper's return reasons and any note naming
 * them become {@code erased}; the links to the account and the cart, the tracking links and the checkout's
 * idempotency records are deleted. An order still open (not yet delivered, cancelled or refunded) keeps what the
 * workshop needs to make and send it, and is anonymised by {@link #sweep()} once it closes; the request is confirmed
 * ({@link CustomerErasureConfirmed}) when none of its orders is left open. Idempotent: an erased order is never
 * matched again, so a second request confirms with zeros. Statements are plain SQL, one per kind of record, because
 * the point is that every column holding personal data is named here.
 */
@Service
class OrderErasure {

    static final String ERASED = "erased";
    private static final String CLOSED = "('DELIVERED', 'CANCELLED', 'REFUNDED')";
    private static final Logger log = LoggerFactory.getLogger(OrderErasure.class);

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final PrivacyProperties properties;
    private final TransactionTemplate transactions;
    private final Orders orderRows;

    OrderErasure(JdbcClient jdbc, Outbox outbox, Clock clock, PrivacyProperties properties,
            TransactionTemplate transactions, Orders orderRows) {
        this.orderRows = orderRows;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.transactions = transactions;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void erase(CustomerErasureRequested request) {
        // a saga step later in this poll must read the orders as this leaves them, not as the poll's lock read them
        orderRows.forgetAll();
        Instant now = clock.instant();
        boolean first = jdbc.sql("""
                INSERT INTO erasure_request (request_id, customer_id, received_at) VALUES (?, ?, ?)
                ON CONFLICT (request_id) DO NOTHING""")
                .params(request.requestId(), request.customerId(), Timestamp.from(now)).update() == 1;
        if (!first) {
            log.info("Erasure {} was received before: nothing more to do", request.requestId());
            return;
        }
        record Found(UUID id, boolean closed) {
        }
        List<Found> orders = jdbc.sql("""
                SELECT id, status IN %s AS closed FROM orders
                WHERE erased_at IS NULL AND (customer_id = ? OR (customer_id IS NULL AND lower(email) = lower(?)))
                ORDER BY id FOR UPDATE""".formatted(CLOSED))
                .params(request.customerId(), request.email())
                .query((rs, n) -> new Found(rs.getObject("id", UUID.class), rs.getBoolean("closed"))).list();
        long deleted = 0;
        long anonymised = 0;
        int open = 0;
        for (Found order : orders) {
            if (order.closed()) {
                deleted += anonymise(order.id(), now);
                anonymised++;
            } else {
                jdbc.sql("UPDATE orders SET erasure_request_id = ? WHERE id = ?").params(request.requestId(), order.id())
                        .update();
                open++;
            }
        }
        count(request.requestId(), deleted, anonymised);
        log.info("Erasure {} of customer {}: {} order(s) anonymised, {} open order(s) wait until they close",
                request.requestId(), request.customerId(), anonymised, open);
        if (open == 0) {
            confirm(request.requestId(), now);
        }
    }

    /**
     * Anonymises the orders that were open when their customer asked to be forgotten and have closed since, each
     * batch in its own transaction, and confirms the requests none of whose orders is left open.
     */
    @Scheduled(fixedDelayString = "${atelier.privacy.erasure-sweep-interval:1m}",
            initialDelayString = "${atelier.privacy.erasure-sweep-interval:1m}")
    @SchedulerLock(name = "order-erasure", lockAtMostFor = "PT5M")
    void sweep() {
        int done;
        do {
            Integer count = transactions.execute(status -> sweepBatch());
            done = count == null ? 0 : count;
        } while (done == properties.erasureBatchSize());
    }

    private int sweepBatch() {
        Instant now = clock.instant();
        record Pending(UUID id, UUID requestId) {
        }
        List<Pending> closed = jdbc.sql("""
                SELECT id, erasure_request_id FROM orders
                WHERE erasure_request_id IS NOT NULL AND status IN %s
                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""".formatted(CLOSED))
                .param(properties.erasureBatchSize())
                .query((rs, n) -> new Pending(rs.getObject("id", UUID.class),
                        rs.getObject("erasure_request_id", UUID.class))).list();
        for (Pending order : closed) {
            count(order.requestId(), anonymise(order.id(), now), 1);
        }
        List<UUID> complete = jdbc.sql("""
                SELECT request_id FROM erasure_request r WHERE confirmed_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.erasure_request_id = r.request_id)
                ORDER BY received_at FOR UPDATE SKIP LOCKED""").query(UUID.class).list();
        complete.forEach(requestId -> confirm(requestId, now));
        if (!closed.isEmpty()) {
            log.info("Erasure sweep: {} order(s) anonymised after they closed; {} request(s) confirmed", closed.size(),
                    complete.size());
        }
        return closed.size();
    }

    /** Replaces the order's personal data; returns how many records were deleted outright. */
    private long anonymise(UUID orderId, Instant now) {
        // notes and the return's requester first: they are matched against the e-mail and name still on the order
        jdbc.sql("""
                UPDATE order_timeline t
                SET note = replace(replace(t.note, o.email, :erased), coalesce(nullif(o.ship_name, ''), o.email), :erased)
                FROM orders o
                WHERE t.order_id = o.id AND o.id = :id
                  AND (position(o.email IN t.note) > 0 OR position(coalesce(nullif(o.ship_name, ''), o.email) IN t.note) > 0)""")
                .param("erased", ERASED).param("id", orderId).update();
        jdbc.sql("""
                UPDATE order_return r SET requested_by = :erased FROM orders o
                WHERE r.order_id = o.id AND o.id = :id AND lower(r.requested_by) = lower(o.email)""")
                .param("erased", ERASED).param("id", orderId).update();
        jdbc.sql("UPDATE order_return SET refusal_reason = :erased WHERE order_id = :id AND refusal_reason IS NOT NULL")
                .param("erased", ERASED).param("id", orderId).update();
        jdbc.sql("""
                UPDATE order_return_line l SET reason = :erased FROM order_return r
                WHERE l.return_id = r.id AND r.order_id = :id""")
                .param("erased", ERASED).param("id", orderId).update();
        jdbc.sql("""
                UPDATE order_line SET tracking_url = NULL,
                    personalisation = (SELECT coalesce(jsonb_object_agg(key, to_jsonb(CAST(:erased AS text))), '{}'::jsonb)
                                       FROM jsonb_each(personalisation))
                WHERE order_id = :id""")
                .param("erased", ERASED).param("id", orderId).update();
        jdbc.sql("""
                UPDATE orders SET email = :erased, customer_id = NULL, cart_id = NULL,
                    ship_name = CASE WHEN ship_name IS NULL THEN NULL ELSE :erased END,
                    ship_line1 = CASE WHEN ship_line1 IS NULL THEN NULL ELSE :erased END,
                    ship_line2 = CASE WHEN ship_line2 IS NULL THEN NULL ELSE :erased END,
                    ship_city = CASE WHEN ship_city IS NULL THEN NULL ELSE :erased END,
                    ship_postcode = CASE WHEN ship_postcode IS NULL THEN NULL ELSE :erased END,
                    gift_message = CASE WHEN gift_message IS NULL THEN NULL ELSE :erased END,
                    erasure_request_id = NULL, erased_at = :now
                WHERE id = :id""")
                .param("erased", ERASED).param("now", Timestamp.from(now)).param("id", orderId).update();
        return jdbc.sql("DELETE FROM checkout_request WHERE order_id = ?").param(orderId).update();
    }

    private void count(UUID requestId, long deleted, long anonymised) {
        jdbc.sql("UPDATE erasure_request SET deleted = deleted + ?, anonymised = anonymised + ? WHERE request_id = ?")
                .params(deleted, anonymised, requestId).update();
    }

    private void confirm(UUID requestId, Instant now) {
        record Counts(UUID customerId, long deleted, long anonymised) {
        }
        Counts counts = jdbc.sql("UPDATE erasure_request SET confirmed_at = ? WHERE request_id = ? "
                        + "RETURNING customer_id, deleted, anonymised")
                .params(Timestamp.from(now), requestId)
                .query((rs, n) -> new Counts(rs.getObject("customer_id", UUID.class), rs.getLong("deleted"),
                        rs.getLong("anonymised"))).single();
        outbox.record(new CustomerErasureConfirmed(requestId, counts.customerId(), CustomerOrdersExport.SERVICE,
                counts.deleted(), counts.anonymised(), now));
    }
}
