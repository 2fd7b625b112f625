package dev.atelier.cart.cart;

import dev.atelier.cart.Json;
import dev.atelier.cart.pricing.PricingProperties;
import dev.atelier.events.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cart and cart_line rows. Every change to a cart goes through {@link #touch} in the same transaction, which
 * bumps its version (checkout compares it) and restarts its abandoned-cart clock. Changes lock the cart row first,
 * so that two requests on one cart apply one after the other.
 */
@Repository
class Carts {

    private static final String CART_COLUMNS = "id, status, version, customer_id, email, coupon_code, gift_wrap, "
            + "gift_message, gift_hide_prices, order_id, last_activity_at";
    /** The cart's columns as they are, its lines' with the suffix {@code _line} (a null line id: no line). */
    private static final String JOINED_COLUMNS = "c.id, c.status, c.version, c.customer_id, c.email, c.coupon_code, "
            + "c.gift_wrap, c.gift_message, c.gift_hide_prices, c.order_id, c.last_activity_at, l.id AS id_line, "
            + "l.slot AS slot_line, l.sku AS sku_line, l.quantity AS quantity_line, "
            + "l.personalisation::text AS personalisation_line, l.personalisation_key AS personalisation_key_line, "
            + "l.personalisation_labels::text AS personalisation_labels_line, "
            + "l.price_delta_minor AS price_delta_minor_line, l.added_unit_price_minor AS added_unit_price_minor_line, "
            + "l.name AS name_line, l.attributes::text AS attributes_line, l.image_url AS image_url_line, "
            + "l.added_at AS added_at_line, l.preview_ref AS preview_ref_line";

    private final JdbcClient jdbc;
    private final Currency currency;

    Carts(JdbcClient jdbc, PricingProperties pricing) {
        this.jdbc = jdbc;
        this.currency = pricing.currency();
    }

    /**
     * This transaction's commit does not wait for the WAL to reach the disk. For a shopper's cart changes only:
     * a PostgreSQL crash can lose the last fraction of a second of them (the shopper adds the item again), never
     * partly, and never an event, a coupon use or an order, whose transactions keep the durable commit.
     */
    void relaxDurability() {
        jdbc.sql("SET LOCAL synchronous_commit = off").update();
    }

    void create(UUID id, @Nullable UUID customerId, @Nullable String email, Instant at) {
        jdbc.sql("""
                INSERT INTO cart (id, status, version, currency, customer_id, email, created_at, last_activity_at)
                VALUES (?, 'OPEN', 1, ?, ?, ?, ?, ?)""")
                .params(id, currency.getCurrencyCode(), customerId, email, Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    Optional<Cart> find(UUID id) {
        return withLines("c.id = ?", false, id);
    }

    /** The open cart, its row locked until the transaction ends. */
    Optional<Cart> lockOpen(UUID id) {
        return withLines("c.id = ? AND c.status = 'OPEN'", true, id);
    }

    /** The cart in any state, locked. */
    Optional<Cart> lock(UUID id) {
        return withLines("c.id = ?", true, id);
    }

    /** The cart and its lines in one round trip (every cart request reads one): a row per line, or one without. */
    private Optional<Cart> withLines(String condition, boolean lock, UUID id) {
        return jdbc.sql("SELECT " + JOINED_COLUMNS + " FROM cart c LEFT JOIN cart_line l ON l.cart_id = c.id WHERE "
                        + condition + " ORDER BY l.added_at, l.slot" + (lock ? " FOR UPDATE OF c" : ""))
                .param(id)
                .query(rs -> {
                    if (!rs.next()) {
                        return Optional.<Cart>empty();
                    }
                    Cart cart = cart(rs, List.of());
                    List<CartLine> lines = new ArrayList<>();
                    do {
                        if (rs.getObject("id_line") != null) {
                            lines.add(line(rs, "_line"));
                        }
                    } while (rs.next());
                    return Optional.of(new Cart(cart.id(), cart.status(), cart.version(), cart.customerId(),
                            cart.email(), cart.couponCode(), cart.gift(), cart.orderId(), cart.lastActivityAt(), lines));
                });
    }

    Optional<UUID> openCartOf(UUID customerId) {
        return jdbc.sql("SELECT id FROM cart WHERE customer_id = ? AND status = 'OPEN'").param(customerId)
                .query(UUID.class).optional();
    }

    void insertLine(UUID cartId, CartLine line) {
        jdbc.sql("""
                INSERT INTO cart_line (id, cart_id, slot, sku, quantity, personalisation, personalisation_key,
                                       personalisation_labels, price_delta_minor, added_unit_price_minor, name,
                                       attributes, image_url, added_at, preview_ref)
                VALUES (:id, :cart, :slot, :sku, :quantity, :personalisation::jsonb, :key, :labels::jsonb, :delta,
                        :unitPrice, :name, :attributes::jsonb, :image, :at, :preview)""")
                .param("id", line.id())
                .param("cart", cartId)
                .param("slot", line.slot())
                .param("sku", line.sku())
                .param("quantity", line.quantity())
                .param("personalisation", Json.write(line.personalisation()))
                .param("key", line.personalisationKey())
                .param("labels", Json.write(line.personalisationLabels()))
                .param("delta", line.priceDelta())
                .param("unitPrice", line.addedUnitPrice().minor())
                .param("name", line.name())
                .param("attributes", Json.write(line.attributes()))
                .param("image", line.imageUrl())
                .param("at", Timestamp.from(line.addedAt()))
                .param("preview", line.previewRef())
                .update();
    }

    /** A new quantity, and the unit price the shopper now sees as the line's reference. */
    void updateLine(UUID lineId, int quantity, Money unitPrice) {
        jdbc.sql("UPDATE cart_line SET quantity = ?, added_unit_price_minor = ? WHERE id = ?")
                .params(quantity, unitPrice.minor(), lineId).update();
    }

    /** The preview the shopper made last of this line. */
    void updatePreview(UUID lineId, UUID previewRef) {
        jdbc.sql("UPDATE cart_line SET preview_ref = ? WHERE id = ?").params(previewRef, lineId).update();
    }

    void deleteLine(UUID lineId) {
        jdbc.sql("DELETE FROM cart_line WHERE id = ?").param(lineId).update();
    }

    /** Any change by the shopper: a new version, and the abandoned-cart clock starts again. */
    void touch(UUID cartId, Instant at) {
        jdbc.sql("""
                UPDATE cart SET version = version + 1, last_activity_at = ?, abandonment_step = 0,
                                abandonment_ended = CASE WHEN abandonment_ended = 'UNSUBSCRIBED'
                                                         THEN abandonment_ended END
                 WHERE id = ?""")
                .params(Timestamp.from(at), cartId).update();
    }

    void setCoupon(UUID cartId, @Nullable String code) {
        jdbc.sql("UPDATE cart SET coupon_code = ? WHERE id = ?").params(code, cartId).update();
    }

    void setGift(UUID cartId, Cart.Gift gift) {
        jdbc.sql("UPDATE cart SET gift_wrap = ?, gift_message = ?, gift_hide_prices = ? WHERE id = ?")
                .params(gift.wrap(), gift.message(), gift.hidePrices(), cartId).update();
    }

    void setEmail(UUID cartId, String email) {
        jdbc.sql("UPDATE cart SET email = ? WHERE id = ?").params(email, cartId).update();
    }

    void setOwner(UUID cartId, UUID customerId, @Nullable String email) {
        jdbc.sql("UPDATE cart SET customer_id = ?, email = coalesce(?, email) WHERE id = ?")
                .params(customerId, email, cartId).update();
    }

    void markMerged(UUID cartId, Instant at) {
        jdbc.sql("UPDATE cart SET status = 'MERGED', closed_at = ?, version = version + 1 WHERE id = ?")
                .params(Timestamp.from(at), cartId).update();
    }

    /** An order was placed for the open cart: closed, its recovery sequence ended (and the step that converted). */
    boolean checkOut(UUID cartId, UUID orderId, Instant at) {
        return jdbc.sql("""
                UPDATE cart SET status = 'CHECKED_OUT', order_id = ?, closed_at = ?, version = version + 1,
                                converted_step = CASE WHEN abandonment_step > 0 THEN abandonment_step END,
                                abandonment_ended = 'ORDERED'
                 WHERE id = ? AND status = 'OPEN'""")
                .params(orderId, Timestamp.from(at), cartId).update() == 1;
    }

    boolean reopen(UUID cartId, UUID orderId, Instant at) {
        return jdbc.sql("""
                UPDATE cart SET status = 'OPEN', order_id = NULL, closed_at = NULL, version = version + 1,
                                last_activity_at = ?, abandonment_step = 0, abandonment_ended = NULL,
                                converted_step = NULL
                 WHERE id = ? AND status = 'CHECKED_OUT' AND order_id = ?""")
                .params(Timestamp.from(at), cartId, orderId).update() == 1;
    }

    boolean markOrdered(UUID cartId, UUID orderId) {
        return jdbc.sql("UPDATE cart SET status = 'ORDERED' WHERE id = ? AND status = 'CHECKED_OUT' AND order_id = ?")
                .params(cartId, orderId).update() == 1;
    }

    /** Open carts holding the SKU get a new version: their priced view changed under them. */
    int bumpVersionsHolding(List<String> skus) {
        return jdbc.sql("""
                UPDATE cart SET version = version + 1
                 WHERE status = 'OPEN' AND id IN (SELECT cart_id FROM cart_line WHERE sku = ANY(?))""")
                .param(skus.toArray(String[]::new)).update();
    }

    /** Expires open carts idle since before {@code cutoff}, at most {@code limit} of them; returns how many. */
    int expireIdle(Instant cutoff, Instant at, int limit) {
        return jdbc.sql("""
                UPDATE cart SET status = 'EXPIRED', closed_at = ?, version = version + 1
                 WHERE id IN (SELECT id FROM cart WHERE status = 'OPEN' AND last_activity_at < ?
                               ORDER BY last_activity_at LIMIT ? FOR UPDATE SKIP LOCKED)""")
                .params(Timestamp.from(at), Timestamp.from(cutoff), limit).update();
    }

    private static Cart cart(ResultSet rs, List<CartLine> lines) throws SQLException {
        return new Cart(rs.getObject("id", UUID.class), CartStatus.valueOf(rs.getString("status")),
                rs.getLong("version"), rs.getObject("customer_id", UUID.class), rs.getString("email"),
                rs.getString("coupon_code"),
                new Cart.Gift(rs.getBoolean("gift_wrap"), rs.getString("gift_message"),
                        rs.getBoolean("gift_hide_prices")),
                rs.getObject("order_id", UUID.class), rs.getTimestamp("last_activity_at").toInstant(), lines);
    }

    /** A line from columns named with {@code suffix}. */
    private CartLine line(ResultSet rs, String suffix) throws SQLException {
        return new CartLine(rs.getObject("id" + suffix, UUID.class), rs.getInt("slot" + suffix),
                rs.getString("sku" + suffix), rs.getInt("quantity" + suffix),
                Json.readMap(rs.getString("personalisation" + suffix)), rs.getString("personalisation_key" + suffix),
                Json.readMap(rs.getString("personalisation_labels" + suffix)), rs.getLong("price_delta_minor" + suffix),
                new Money(rs.getLong("added_unit_price_minor" + suffix), currency), rs.getString("name" + suffix),
                Json.readMap(rs.getString("attributes" + suffix)), rs.getString("image_url" + suffix),
                rs.getTimestamp("added_at" + suffix).toInstant(), rs.getObject("preview_ref" + suffix, UUID.class));
    }
}
