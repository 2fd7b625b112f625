package dev.atelier.cart.cart;

import dev.atelier.cart.Json;
import dev.atelier.cart.pricing.PricingProperties;
import dev.atelier.cart.product.SellableVariants;
import dev.atelier.cart.product.Variant;
import dev.atelier.events.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /**
     * The cart's columns as they are, its lines' with the suffix {@code _line} (a null line id: no line), and each
     * line's variant in the read model with the suffix {@code _variant} (null columns: the read model has none).
     */
    private static final String JOINED_COLUMNS = "c.id, c.status, c.version, c.customer_id, c.email, c.coupon_code, "
            + "c.gift_wrap, c.gift_message, c.gift_hide_prices, c.order_id, c.last_activity_at, l.id AS id_line, "
            + "l.slot AS slot_line, l.sku AS sku_line, l.quantity AS quantity_line, "
            + "l.personalisation::text AS personalisation_line, l.personalisation_key AS personalisation_key_line, "
            + "l.personalisation_labels::text AS personalisation_labels_line, "
            + "l.price_delta_minor AS price_delta_minor_line, l.added_unit_price_minor AS added_unit_price_minor_line, "
            + "l.name AS name_line, l.attributes::text AS attributes_line, l.image_url AS image_url_line, "
            + "l.added_at AS added_at_line, l.preview_ref AS preview_ref_line, "
            + SellableVariants.columns("v", "_variant");
    /** What a change to a cart's line does to the cart: a new version, and the abandoned-cart clock restarts. */
    private static final String TOUCH = """
            UPDATE cart SET version = version + 1, last_activity_at = :at, abandonment_step = 0,
                            abandonment_ended = CASE WHEN abandonment_ended = 'UNSUBSCRIBED' THEN abandonment_ended END
             WHERE id = :cart""";
    private static final String INSERT_LINE = """
            INSERT INTO cart_line (id, cart_id, slot, sku, quantity, personalisation, personalisation_key,
                                   personalisation_labels, price_delta_minor, added_unit_price_minor, name,
                                   attributes, image_url, added_at, preview_ref)
            VALUES (:id, :cart, :slot, :sku, :quantity, :personalisation::jsonb, :key, :labels::jsonb, :delta,
                    :unitPrice, :name, :attributes::jsonb, :image, :lineAt, :preview)""";

    /**
     * A cart with the read model's variants of its lines' SKUs (those it knows), and of the SKU about to be added when
     * one was named: all that pricing it needs.
     */
    record Loaded(Cart cart, Map<String, Variant> variants) {

        Loaded {
            variants = Map.copyOf(variants);
        }
    }

    private final JdbcClient jdbc;
    private final Currency currency;

    Carts(JdbcClient jdbc, PricingProperties pricing) {
        this.jdbc = jdbc;
        this.currency = pricing.currency();
    }

    /**
     * First in a shopper's change to a cart, both set for this transaction only, in one round trip:
     * <ul>
     * <li>its commit does not wait for the WAL to reach the disk. A PostgreSQL crash can lose the last fraction of a
     * second of shoppers' changes (the shopper adds the item again), never partly, and never an event, a coupon use
     * or an order, whose transactions keep the durable commit;</li>
     * <li>its statements use their generic plans ({@code plan_cache_mode}). Every statement of such a change finds its
     * rows by a key (a cart's or a line's id, a SKU, a coupon's code), where the generic plan is the custom plan
     * (for the cart's lock EXPLAIN shows the same plan and cost). Yet PostgreSQL made a custom plan for the cart's
     * lock on every execution, and planning it took longer than running it (0.2 ms an add). A connection keeps
     * choosing custom plans while their average cost stays below the generic plan's, and most likely its first ones
     * were made when the tables were small.</li>
     * </ul>
     */
    void beginShoppersChange() {
        jdbc.sql("SELECT set_config('synchronous_commit', 'off', true), "
                + "set_config('plan_cache_mode', 'force_generic_plan', true)").query().singleRow();
    }

    void create(UUID id, @Nullable UUID customerId, @Nullable String email, Instant at) {
        jdbc.sql("""
                INSERT INTO cart (id, status, version, currency, customer_id, email, created_at, last_activity_at)
                VALUES (?, 'OPEN', 1, ?, ?, ?, ?, ?)""")
                .params(id, currency.getCurrencyCode(), customerId, email, Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    Optional<Cart> find(UUID id) {
        return load(id).map(Loaded::cart);
    }

    /** The cart with its lines' variants, not locked (a shopper's read). */
    Optional<Loaded> load(UUID id) {
        return withLines("c.id = ?", false, id);
    }

    /** The open cart, its row locked until the transaction ends. */
    Optional<Cart> lockOpen(UUID id) {
        return lockOpenLoaded(id).map(Loaded::cart);
    }

    /** The open cart with its lines' variants, its row locked until the transaction ends. */
    Optional<Loaded> lockOpenLoaded(UUID id) {
        return withLines("c.id = ? AND c.status = 'OPEN'", true, id);
    }

    /**
     * A shopper's change: the open cart as {@link #lockOpenLoaded(UUID)}, with the variant of {@code sku} too when
     * one is named (in {@code variants} if the read model has it: a plain add needs nothing else). The transaction
     * starts with {@link #beginShoppersChange}.
     */
    Optional<Loaded> lockOpenWithVariant(UUID id, @Nullable String sku) {
        return withLines("c.id = ? AND c.status = 'OPEN'", true, id, sku);
    }

    /** The cart in any state, locked. */
    Optional<Cart> lock(UUID id) {
        return withLines("c.id = ?", true, id).map(Loaded::cart);
    }

    /**
     * The cart, its lines and their variants in one round trip (every cart request reads one, and pricing needs the
     * variants): a row per line, or one without.
     */
    private Optional<Loaded> withLines(String condition, boolean lock, UUID id) {
        return withLines(condition, lock, id, null);
    }

    /** With {@code alsoSku}, each row also carries that SKU's variant, with the suffix {@code _added}. */
    private Optional<Loaded> withLines(String condition, boolean lock, UUID id, @Nullable String alsoSku) {
        String added = alsoSku == null ? ""
                : ", " + SellableVariants.columns("a", "_added");
        String joinAdded = alsoSku == null ? "" : " LEFT JOIN sellable_variant a ON a.sku = ?";
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT " + JOINED_COLUMNS + added
                + " FROM cart c LEFT JOIN cart_line l ON l.cart_id = c.id LEFT JOIN sellable_variant v ON v.sku = l.sku"
                + joinAdded + " WHERE " + condition + " ORDER BY l.added_at, l.slot" + (lock ? " FOR UPDATE OF c" : ""));
        if (alsoSku != null) {
            statement = statement.param(alsoSku);
        }
        return statement.param(id)
                .query(rs -> {
                    if (!rs.next()) {
                        return Optional.<Loaded>empty();
                    }
                    Cart cart = cart(rs, List.of());
                    List<CartLine> lines = new ArrayList<>();
                    Map<String, Variant> variants = new HashMap<>();
                    Variant toAdd = alsoSku == null ? null : SellableVariants.variant(rs, "_added");
                    if (toAdd != null) {
                        variants.put(toAdd.sku(), toAdd);
                    }
                    do {
                        if (rs.getObject("id_line") != null) {
                            CartLine line = line(rs, "_line");
                            lines.add(line);
                            if (!variants.containsKey(line.sku())) {
                                Variant variant = SellableVariants.variant(rs, "_variant");
                                if (variant != null) {
                                    variants.put(line.sku(), variant);
                                }
                            }
                        }
                    } while (rs.next());
                    return Optional.of(new Loaded(new Cart(cart.id(), cart.status(), cart.version(),
                            cart.customerId(), cart.email(), cart.couponCode(), cart.gift(), cart.orderId(),
                            cart.lastActivityAt(), lines), variants));
                });
    }

    Optional<UUID> openCartOf(UUID customerId) {
        return jdbc.sql("SELECT id FROM cart WHERE customer_id = ? AND status = 'OPEN'").param(customerId)
                .query(UUID.class).optional();
    }

    void insertLine(UUID cartId, CartLine line) {
        lineParams(jdbc.sql(INSERT_LINE), cartId, line).update();
    }

    /**
     * A shopper's new line and the cart's {@link #touch} in one statement: the add's only write. The row must be
     * locked ({@link #lockOpenLoaded}), so that the version this makes is the one read plus one.
     */
    void insertLineAndTouch(UUID cartId, CartLine line, Instant at) {
        lineParams(jdbc.sql("WITH line AS (" + INSERT_LINE + ") " + TOUCH), cartId, line)
                .param("at", Timestamp.from(at)).update();
    }

    /**
     * A new cart holding its first line, in one statement: created as {@link #create} and {@link #touch} would
     * leave it (version 2, activity now), so that the shopper's first add reads as two changes like any other.
     */
    void createWithLine(UUID cartId, CartLine line, Instant at) {
        lineParams(jdbc.sql("""
                WITH new_cart AS (
                    INSERT INTO cart (id, status, version, currency, created_at, last_activity_at)
                    VALUES (:cart, 'OPEN', 2, :currency, :at, :at))
                """ + INSERT_LINE), cartId, line)
                .param("currency", currency.getCurrencyCode())
                .param("at", Timestamp.from(at))
                .update();
    }

    /**
     * An existing line's new quantity and reference unit price (and the latest preview, if one came), with the
     * cart's {@link #touch}, in one statement; the row must be locked, as for {@link #insertLineAndTouch}.
     */
    void updateLineAndTouch(UUID cartId, UUID lineId, int quantity, Money unitPrice, @Nullable UUID previewRef,
            Instant at) {
        jdbc.sql("""
                WITH line AS (UPDATE cart_line SET quantity = :quantity, added_unit_price_minor = :unitPrice,
                                                   preview_ref = coalesce(:preview, preview_ref)
                               WHERE id = :line AND cart_id = :cart)
                """ + TOUCH)
                .param("quantity", quantity)
                .param("unitPrice", unitPrice.minor())
                .param("preview", previewRef)
                .param("line", lineId)
                .param("cart", cartId)
                .param("at", Timestamp.from(at))
                .update();
    }

    private static JdbcClient.StatementSpec lineParams(JdbcClient.StatementSpec statement, UUID cartId,
            CartLine line) {
        return statement
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
                .param("lineAt", Timestamp.from(line.addedAt()))
                .param("preview", line.previewRef());
    }

    /** A new quantity, and the unit price the shopper now sees as the line's reference. */
    void updateLine(UUID lineId, int quantity, Money unitPrice) {
        jdbc.sql("UPDATE cart_line SET quantity = ?, added_unit_price_minor = ? WHERE id = ?")
                .params(quantity, unitPrice.minor(), lineId).update();
    }

    void deleteLine(UUID lineId) {
        jdbc.sql("DELETE FROM cart_line WHERE id = ?").param(lineId).update();
    }

    /** Any change by the shopper: a new version, and the abandoned-cart clock starts again. */
    void touch(UUID cartId, Instant at) {
        jdbc.sql(TOUCH).param("at", Timestamp.from(at)).param("cart", cartId).update();
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
