package dev.atelier.inventory.stock;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The stock rows, behind {@link Stock}. Every change of on_hand or reserved goes through {@link #apply}: one
 * conditional UPDATE that cannot take a figure below zero nor reserved above on_hand, its ledger row, and the
 * transaction's stock events.
 */
@Repository
class StockItems {

    static final String LOCATION = "MAIN";

    private static final RowMapper<StockFigures> FIGURES = (rs, row) -> new StockFigures(rs.getString("sku"),
            rs.getLong("on_hand"), rs.getLong("reserved"), rs.getLong("reorder_point"), rs.getLong("reorder_quantity"));

    private final JdbcTemplate jdbc;
    private final StockEvents events;

    StockItems(JdbcTemplate jdbc, StockEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    Optional<StockFigures> find(String sku) {
        return jdbc.query("SELECT * FROM stock_item WHERE sku = ? AND location = ?", FIGURES, sku, LOCATION)
                .stream().findFirst();
    }

    List<StockFigures> findAll(Collection<String> skus) {
        return ofSkus(skus, "");
    }

    /** Reads and locks the rows of the SKUs in SKU order (the one order every transaction locks them in). */
    List<StockFigures> lock(Collection<String> skus) {
        return ofSkus(skus, " FOR UPDATE");
    }

    /**
     * Locks the rows of those SKUs that no other transaction holds, in SKU order, and reads them; the others are left
     * out, without waiting for them.
     */
    List<StockFigures> lockUnlessBusy(Collection<String> skus) {
        return ofSkus(skus, " FOR UPDATE SKIP LOCKED");
    }

    /** The rows of the SKUs, in SKU order, read with {@code locking} (a row-locking clause, or nothing). */
    private List<StockFigures> ofSkus(Collection<String> skus, String locking) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            var select = connection.prepareStatement(
                    "SELECT * FROM stock_item WHERE location = ? AND sku = ANY(?) ORDER BY sku" + locking);
            select.setString(1, LOCATION);
            select.setArray(2, connection.createArrayOf("text", skus.toArray()));
            return select;
        }, FIGURES);
    }

    boolean exists(String sku) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM stock_item WHERE sku = ? AND location = ?)", Boolean.class, sku, LOCATION));
    }

    /** Creates the SKU with nothing on hand; false when it exists already. */
    boolean register(String sku, long reorderPoint, long reorderQuantity) {
        return jdbc.update("""
                INSERT INTO stock_item (sku, location, reorder_point, reorder_quantity) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", sku, LOCATION, reorderPoint, reorderQuantity) == 1;
    }

    boolean setReorderPolicy(String sku, long reorderPoint, long reorderQuantity) {
        StockFigures before = find(sku).orElse(null);
        if (before == null) {
            return false;
        }
        jdbc.update("UPDATE stock_item SET reorder_point = ?, reorder_quantity = ?, updated_at = now() "
                + "WHERE sku = ? AND location = ?", reorderPoint, reorderQuantity, sku, LOCATION);
        events.changed(before, new StockFigures(sku, before.onHand(), before.reserved(), reorderPoint, reorderQuantity));
        return true;
    }

    /**
     * Applies the change if the figures allow it: on_hand and available stay at or above zero. Returns the new
     * figures, or empty when the SKU is unknown or the change would take a figure out of bounds; then nothing
     * was written.
     */
    Optional<StockFigures> apply(StockChange change) {
        // the change and its ledger row in one statement: one round trip per SKU on the checkout's hot path
        List<StockFigures> updated = jdbc.query("""
                WITH changed AS (
                    UPDATE stock_item
                       SET on_hand = on_hand + ?, reserved = reserved + ?, updated_at = now()
                     WHERE sku = ? AND location = ?
                       AND on_hand + ? >= 0
                       AND reserved + ? >= 0
                       AND (on_hand + ?) - (reserved + ?) >= 0
                    RETURNING *
                ), ledger AS (
                    INSERT INTO stock_ledger (sku, location, kind, on_hand_delta, reserved_delta, actor, reason, reference)
                    SELECT sku, location, ?, ?, ?, ?, ?, ? FROM changed
                )
                SELECT * FROM changed""", FIGURES,
                change.onHandDelta(), change.reservedDelta(), change.sku(), LOCATION,
                change.onHandDelta(), change.reservedDelta(), change.onHandDelta(), change.reservedDelta(),
                change.kind().name(), change.onHandDelta(), change.reservedDelta(), change.actor(), change.reason(),
                change.reference());
        if (updated.isEmpty()) {
            return Optional.empty();
        }
        StockFigures after = updated.getFirst();
        events.changed(after.withDeltas(-change.onHandDelta(), -change.reservedDelta()), after);
        return Optional.of(after);
    }

    /** SKUs at or below their reorder point, by SKU, after {@code afterSku}. */
    List<StockFigures> low(@Nullable String afterSku, int limit) {
        return jdbc.query("SELECT * FROM stock_item WHERE location = ? AND available <= reorder_point AND sku > ? "
                + "ORDER BY sku LIMIT ?", FIGURES, LOCATION, afterSku == null ? "" : afterSku, limit);
    }

    /** All SKUs, by SKU, after {@code afterSku}. */
    List<StockFigures> page(@Nullable String afterSku, int limit) {
        return jdbc.query("SELECT * FROM stock_item WHERE location = ? AND sku > ? ORDER BY sku LIMIT ?", FIGURES,
                LOCATION, afterSku == null ? "" : afterSku, limit);
    }
}
