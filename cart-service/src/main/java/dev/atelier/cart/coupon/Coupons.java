package dev.atelier.cart.coupon;

import dev.atelier.cart.pricing.CouponKind;
import dev.atelier.events.Money;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The coupon rows. Plain JDBC: redemption is one guarded statement ({@code uses < max_uses}) on a row that a CHECK
 * constraint also keeps from going over its limit, and that statement is the point (see docs/architecture.md).
 */
@Repository
public class Coupons {

    static final String COLUMNS = "code, kind, percent_off, amount_off_minor, currency, min_spend_minor, starts_at, "
            + "ends_at, max_uses, uses, per_customer_limit, skus, categories, single_use, active, created_at, "
            + "created_by, deactivated_at";

    private final JdbcClient jdbc;

    Coupons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Coupon> find(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM coupon WHERE code = ?").param(Coupon.normalise(code))
                .query((rs, row) -> map(rs)).optional();
    }

    /** The coupon, its row locked until the transaction ends: redemptions of one code queue here. */
    Optional<Coupon> lock(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM coupon WHERE code = ? FOR UPDATE").param(code)
                .query((rs, row) -> map(rs)).optional();
    }

    /** Inserts a new coupon; false when the code exists already. */
    boolean insert(Coupon coupon, @Nullable UUID issuedForCart) {
        return jdbc.sql("""
                INSERT INTO coupon (code, kind, percent_off, amount_off_minor, currency, min_spend_minor, starts_at,
                                    ends_at, max_uses, per_customer_limit, skus, categories, single_use, active,
                                    issued_for_cart, created_at, created_by)
                VALUES (:code, :kind, :percent, :amount, :currency, :minSpend, :startsAt, :endsAt, :maxUses,
                        :perCustomer, :skus, :categories, :singleUse, true, :cart, :createdAt, :createdBy)
                ON CONFLICT (code) DO NOTHING""")
                .param("code", coupon.code())
                .param("kind", coupon.kind().name())
                .param("percent", coupon.percentOff())
                .param("amount", coupon.amountOff() == null ? null : coupon.amountOff().minor())
                .param("currency", coupon.minimumSpend().currency().getCurrencyCode())
                .param("minSpend", coupon.minimumSpend().minor())
                .param("startsAt", timestamp(coupon.startsAt()))
                .param("endsAt", timestamp(coupon.endsAt()))
                .param("maxUses", coupon.maxUses())
                .param("perCustomer", coupon.perCustomerLimit())
                .param("skus", coupon.skus().toArray(String[]::new))
                .param("categories", coupon.categories().toArray(String[]::new))
                .param("singleUse", coupon.singleUse())
                .param("cart", issuedForCart)
                .param("createdAt", Timestamp.from(coupon.createdAt()))
                .param("createdBy", coupon.createdBy())
                .update() == 1;
    }

    /** Takes one use if one is left: the guard that makes over-use impossible, whatever runs concurrently. */
    boolean takeUse(String code) {
        return jdbc.sql("UPDATE coupon SET uses = uses + 1 WHERE code = ? AND (max_uses IS NULL OR uses < max_uses)")
                .param(code).update() == 1;
    }

    void giveBackUse(String code) {
        int updated = jdbc.sql("UPDATE coupon SET uses = uses - 1 WHERE code = ? AND uses > 0").param(code).update();
        if (updated != 1) {
            throw new IllegalStateException("coupon " + code + " has no use to give back");
        }
    }

    boolean deactivate(String code, Instant at, String actor) {
        return jdbc.sql("""
                UPDATE coupon SET active = false, deactivated_at = ?, deactivated_by = ?
                 WHERE code = ? AND active""")
                .params(Timestamp.from(at), actor, code).update() == 1;
    }

    /** A page of coupons by code, after {@code afterCode}. */
    List<Coupon> page(@Nullable String afterCode, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM coupon WHERE (CAST(? AS text) IS NULL OR code > ?) "
                        + "AND issued_for_cart IS NULL ORDER BY code LIMIT ?")
                .params(afterCode, afterCode, limit).query((rs, row) -> map(rs)).list();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Coupon map(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        Long amountOff = rs.getObject("amount_off_minor", Long.class);
        return new Coupon(rs.getString("code"), CouponKind.valueOf(rs.getString("kind")),
                rs.getObject("percent_off", Integer.class), amountOff == null ? null : new Money(amountOff, currency),
                new Money(rs.getLong("min_spend_minor"), currency), instant(rs, "starts_at"), instant(rs, "ends_at"),
                rs.getObject("max_uses", Integer.class), rs.getInt("uses"),
                rs.getObject("per_customer_limit", Integer.class), strings(rs.getArray("skus")),
                strings(rs.getArray("categories")), rs.getBoolean("single_use"), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), instant(rs, "deactivated_at"));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
