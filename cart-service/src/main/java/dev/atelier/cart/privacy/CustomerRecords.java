package dev.atelier.cart.privacy;

import dev.atelier.events.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * What the cart's tables hold about one customer: their carts by account and their guest carts and coupon uses by
 * e-mail (compared in lower case, as the cart stores it). Plain SQL over the whole schema, since a data request
 * cuts across every feature's tables; the e-mail arrives lower-cased.
 */
@Repository
class CustomerRecords {

    /** What replaces an e-mail in the records kept for the coupons' usage figures. */
    static final String ERASED = "erased";

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    CustomerRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's carts, newest first, each with its lines in the order they were added. */
    List<Map<String, Object>> carts(UUID customerId, String email) {
        return jdbc.sql("""
                SELECT id, status, email, coupon_code, gift_wrap, gift_message, gift_hide_prices, currency, created_at,
                       last_activity_at, closed_at
                  FROM cart WHERE customer_id = ? OR lower(email) = ? ORDER BY created_at DESC, id""")
                .params(customerId, email)
                .query((rs, row) -> {
                    Map<String, Object> cart = new LinkedHashMap<>();
                    cart.put("status", rs.getString("status"));
                    cart.put("email", rs.getString("email"));
                    cart.put("coupon", rs.getString("coupon_code"));
                    cart.put("giftWrap", rs.getBoolean("gift_wrap"));
                    cart.put("giftMessage", rs.getString("gift_message"));
                    cart.put("hidePricesOnPackingSlip", rs.getBoolean("gift_hide_prices"));
                    cart.put("currency", rs.getString("currency"));
                    cart.put("createdAt", instant(rs, "created_at"));
                    cart.put("lastActivityAt", instant(rs, "last_activity_at"));
                    cart.put("closedAt", instant(rs, "closed_at"));
                    return new Row(rs.getObject("id", UUID.class), cart);
                }).list().stream().map(row -> {
                    row.cart().put("lines", lines(row.id(), (String) row.cart().get("currency")));
                    return row.cart();
                }).toList();
    }

    /** A cart's id (internal, not exported) and what the export says about it. */
    private record Row(UUID id, Map<String, Object> cart) {
    }

    private List<Map<String, Object>> lines(UUID cartId, String currency) {
        return jdbc.sql("""
                SELECT sku, name, quantity, attributes::text, personalisation::text, added_unit_price_minor, added_at
                  FROM cart_line WHERE cart_id = ? ORDER BY added_at, slot""")
                .param(cartId)
                .query((rs, row) -> {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("sku", rs.getString("sku"));
                    line.put("product", rs.getString("name"));
                    line.put("quantity", rs.getInt("quantity"));
                    line.put("options", object(rs.getString("attributes")));
                    line.put("personalisation", object(rs.getString("personalisation")));
                    line.put("unitPriceWhenAdded", Map.of("amount", rs.getLong("added_unit_price_minor"),
                            "currency", currency));
                    line.put("addedAt", instant(rs, "added_at"));
                    return line;
                }).list();
    }

    /** The coupon uses of the customer's orders (by account, or by the e-mail of a guest order), oldest first. */
    List<Map<String, Object>> redemptions(UUID customerId, String email) {
        return jdbc.sql("""
                SELECT code, order_id, status, discount_minor, currency, decided_at FROM coupon_redemption
                 WHERE customer_id = ? OR lower(customer_email) = ? ORDER BY decided_at, order_id""")
                .params(customerId, email)
                .query((rs, row) -> {
                    Map<String, Object> use = new LinkedHashMap<>();
                    use.put("coupon", rs.getString("code"));
                    use.put("orderId", rs.getObject("order_id", UUID.class).toString());
                    use.put("status", rs.getString("status"));
                    use.put("discount", Map.of("amount", rs.getLong("discount_minor"), "currency",
                            rs.getString("currency")));
                    use.put("decidedAt", instant(rs, "decided_at"));
                    return use;
                }).list();
    }

    boolean unsubscribed(String email) {
        return jdbc.sql("SELECT count(*) FROM abandonment_unsubscribe WHERE email = ?").param(email)
                .query(Long.class).single() > 0;
    }

    /** Deletes the customer's carts of every status (their lines go with them); returns carts + lines deleted. */
    long deleteCarts(UUID customerId, String email) {
        long lines = jdbc.sql("""
                SELECT count(*) FROM cart_line l JOIN cart c ON c.id = l.cart_id
                 WHERE c.customer_id = ? OR lower(c.email) = ?""")
                .params(customerId, email).query(Long.class).single();
        return lines + jdbc.sql("DELETE FROM cart WHERE customer_id = ? OR lower(email) = ?")
                .params(customerId, email).update();
    }

    /** Forgets that the address opted out of recovery mails: with its carts gone, none can be sent to it. */
    long forgetUnsubscribe(String email) {
        return jdbc.sql("DELETE FROM abandonment_unsubscribe WHERE email = ?").param(email).update();
    }

    /**
     * Coupon redemptions stay (the coupons' usage figures and the per-customer limits count them) without the
     * e-mail; the customer id stays too, as customer-service keeps the erased account's id as a tombstone.
     */
    long anonymiseRedemptions(UUID customerId, String email) {
        return jdbc.sql("""
                UPDATE coupon_redemption SET customer_email = ?
                 WHERE (customer_id = ? OR lower(customer_email) = ?) AND customer_email IS NOT NULL
                   AND customer_email <> ?""")
                .params(ERASED, customerId, email, ERASED).update();
    }

    private static @Nullable String instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant().toString();
    }

    private static Map<String, Object> object(String json) {
        return EventJson.mapper().readValue(json, OBJECT);
    }
}
