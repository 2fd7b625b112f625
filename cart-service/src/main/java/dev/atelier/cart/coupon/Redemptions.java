package dev.atelier.cart.coupon;

import dev.atelier.events.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The saga step's decisions, one row per order that carried a coupon. */
@Repository
class Redemptions {

    enum Status {
        REDEEMED, FINAL, RELEASED, REJECTED
    }

    /** The usage a coupon's figures must equal: uses held by orders that were not released. */
    record Usage(int held, int released, int rejected) {
    }

    private final JdbcClient jdbc;

    Redemptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the decision for the order; false (nothing written) when the order has one already. */
    boolean record(UUID orderId, String code, @Nullable UUID cartId, @Nullable UUID customerId,
            @Nullable String email, Money discount, Status status, @Nullable String reason, Instant at) {
        return jdbc.sql("""
                INSERT INTO coupon_redemption (order_id, code, cart_id, customer_id, customer_email, discount_minor,
                                               currency, status, reason, decided_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (order_id) DO NOTHING""")
                .params(orderId, code, cartId, customerId, email, discount.minor(),
                        discount.currency().getCurrencyCode(), status.name(), reason, Timestamp.from(at),
                        Timestamp.from(at))
                .update() == 1;
    }

    boolean exists(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM coupon_redemption WHERE order_id = ?").param(orderId)
                .query(Long.class).single() > 0;
    }

    /** The order's redemption, locked. */
    Optional<Status> lock(UUID orderId) {
        return jdbc.sql("SELECT status FROM coupon_redemption WHERE order_id = ? FOR UPDATE").param(orderId)
                .query((rs, row) -> Status.valueOf(rs.getString(1))).optional();
    }

    Optional<String> code(UUID orderId) {
        return jdbc.sql("SELECT code FROM coupon_redemption WHERE order_id = ?").param(orderId).query(String.class)
                .optional();
    }

    void move(UUID orderId, Status to, Instant at) {
        jdbc.sql("UPDATE coupon_redemption SET status = ?, updated_at = ? WHERE order_id = ?")
                .params(to.name(), Timestamp.from(at), orderId).update();
    }

    /** Uses held by this customer (by account, or by e-mail for a guest). */
    int heldBy(String code, @Nullable UUID customerId, @Nullable String email) {
        return jdbc.sql("""
                SELECT count(*) FROM coupon_redemption
                 WHERE code = ? AND status IN ('REDEEMED', 'FINAL')
                   AND ((CAST(? AS uuid) IS NOT NULL AND customer_id = ?)
                        OR (CAST(? AS text) IS NOT NULL AND lower(customer_email) = lower(?)))""")
                .params(code, customerId, customerId, email, email).query(Long.class).single().intValue();
    }

    Usage usage(String code) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE status IN ('REDEEMED', 'FINAL')),
                       count(*) FILTER (WHERE status = 'RELEASED'),
                       count(*) FILTER (WHERE status = 'REJECTED')
                  FROM coupon_redemption WHERE code = ?""")
                .param(code).query((rs, row) -> new Usage(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
    }
}
