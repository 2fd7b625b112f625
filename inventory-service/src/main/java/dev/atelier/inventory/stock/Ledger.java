package dev.atelier.inventory.stock;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads the stock ledger, newest first. */
@Repository
public class Ledger {

    private static final RowMapper<LedgerEntry> ENTRY = (rs, row) -> new LedgerEntry(rs.getLong("id"),
            rs.getString("sku"), LedgerKind.valueOf(rs.getString("kind")), rs.getLong("on_hand_delta"),
            rs.getLong("reserved_delta"), rs.getString("actor"), rs.getString("reason"), rs.getString("reference"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Entries of a SKU older than {@code beforeId} (all when null), newest first. */
    public List<LedgerEntry> entries(String sku, @Nullable Long beforeId, int limit) {
        return jdbc.query("SELECT * FROM stock_ledger WHERE sku = ? AND location = ? AND id < ? ORDER BY id DESC LIMIT ?",
                ENTRY, sku, StockItems.LOCATION, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    /** Units sold (committed orders and marketplace sales) per SKU over the last {@code days} days. */
    public Map<String, Long> unitsSoldSince(int days) {
        Map<String, Long> sold = new java.util.HashMap<>();
        jdbc.query("""
                SELECT sku, -sum(on_hand_delta) AS sold FROM stock_ledger
                 WHERE kind IN ('COMMIT', 'MARKETPLACE_SALE') AND created_at >= now() - make_interval(days => ?)
                 GROUP BY sku""", rs -> {
            sold.put(rs.getString("sku"), rs.getLong("sold"));
        }, days);
        return sold;
    }
}
