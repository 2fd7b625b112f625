package dev.atelier.cart.abandonment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The abandoned-cart columns of the cart table and the unsubscribed addresses. The cart feature restarts the
 * sequence on any activity and records the converting step when an order is placed; this clock only advances it.
 */
@Repository
class AbandonedCarts {

    /** A cart whose next step may be due: its last step and when it was last touched. */
    record Candidate(UUID cartId, int step, Instant lastActivityAt, String email, @Nullable UUID customerId) {
    }

    private final JdbcClient jdbc;

    AbandonedCarts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Open carts with an e-mail, lines, an address that did not unsubscribe, and a next step due by the cutoffs
     * (idle since before them); locked, those another replica holds are skipped.
     */
    List<Candidate> lockDue(Instant firstCutoff, Instant secondCutoff, Instant thirdCutoff, int limit) {
        return jdbc.sql("""
                SELECT c.id, c.abandonment_step, c.last_activity_at, c.email, c.customer_id FROM cart c
                 WHERE c.status = 'OPEN' AND c.email IS NOT NULL AND c.abandonment_ended IS NULL
                   AND c.last_activity_at <= :first
                   AND (c.abandonment_step = 0
                        OR (c.abandonment_step = 1 AND c.last_activity_at <= :second)
                        OR (c.abandonment_step = 2 AND c.last_activity_at <= :third))
                   AND EXISTS (SELECT 1 FROM cart_line l WHERE l.cart_id = c.id)
                   AND NOT EXISTS (SELECT 1 FROM abandonment_unsubscribe u WHERE u.email = lower(c.email))
                 ORDER BY c.last_activity_at LIMIT :limit
                 FOR UPDATE OF c SKIP LOCKED""")
                .param("first", Timestamp.from(firstCutoff))
                .param("second", Timestamp.from(secondCutoff))
                .param("third", Timestamp.from(thirdCutoff))
                .param("limit", limit)
                .query((rs, row) -> new Candidate(rs.getObject(1, UUID.class), rs.getInt(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getObject(5, UUID.class)))
                .list();
    }

    void markStep(UUID cartId, int step) {
        jdbc.sql("UPDATE cart SET abandonment_step = ? WHERE id = ?").params(step, cartId).update();
    }

    void unsubscribe(String email, Instant at) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        jdbc.sql("INSERT INTO abandonment_unsubscribe (email, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(address, Timestamp.from(at)).update();
        jdbc.sql("UPDATE cart SET abandonment_ended = 'UNSUBSCRIBED' WHERE lower(email) = ? AND status = 'OPEN'")
                .param(address).update();
    }

    /** For the back-office: carts that converted after each step, and open carts waiting at each step. */
    Map<String, Map<Integer, Long>> figures() {
        Map<Integer, Long> converted = new TreeMap<>();
        Map<Integer, Long> waiting = new TreeMap<>();
        for (int step = 1; step <= 3; step++) {
            converted.put(step, 0L);
            waiting.put(step, 0L);
        }
        jdbc.sql("SELECT converted_step, count(*) FROM cart WHERE converted_step IS NOT NULL GROUP BY 1")
                .query(rs -> {
                    converted.put(rs.getInt(1), rs.getLong(2));
                });
        jdbc.sql("""
                SELECT abandonment_step, count(*) FROM cart
                 WHERE status = 'OPEN' AND abandonment_step > 0 AND abandonment_ended IS NULL GROUP BY 1""")
                .query(rs -> {
                    waiting.put(rs.getInt(1), rs.getLong(2));
                });
        return Map.of("convertedAfterStep", converted, "waitingAfterStep", waiting);
    }
}
