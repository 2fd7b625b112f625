package dev.atelier.inventory;

import dev.atelier.inventory.stock.StockAdministration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stock a test starts from, under SKUs no other test uses (the context and its database are shared). */
public final class StockFixture {

    private final StockAdministration administration;
    private final JdbcTemplate jdbc;

    public StockFixture(StockAdministration administration, JdbcTemplate jdbc) {
        this.administration = administration;
        this.jdbc = jdbc;
    }

    public static String uniqueSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A new SKU with {@code onHand} units received. */
    public String aSkuWith(String prefix, long onHand) {
        return aSkuWith(prefix, onHand, 0, 0);
    }

    public String aSkuWith(String prefix, long onHand, long reorderPoint, long reorderQuantity) {
        String sku = uniqueSku(prefix);
        administration.register(sku, reorderPoint, reorderQuantity);
        if (onHand > 0) {
            administration.receive(sku, onHand, "test", "FIXTURE", null);
        }
        return sku;
    }

    public long available(String sku) {
        return jdbc.queryForObject("SELECT available FROM stock_item WHERE sku = ?", Long.class, sku);
    }

    public long reserved(String sku) {
        return jdbc.queryForObject("SELECT reserved FROM stock_item WHERE sku = ?", Long.class, sku);
    }

    public long onHand(String sku) {
        return jdbc.queryForObject("SELECT on_hand FROM stock_item WHERE sku = ?", Long.class, sku);
    }

    /** SKUs whose figures differ from the sums of their ledger: must always be none. */
    public List<String> skusWhoseFiguresDifferFromTheLedger() {
        return jdbc.queryForList("""
                SELECT s.sku FROM stock_item s
                  LEFT JOIN (SELECT sku, location, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved
                               FROM stock_ledger GROUP BY sku, location) l
                    ON l.sku = s.sku AND l.location = s.location
                 WHERE s.on_hand <> coalesce(l.on_hand, 0) OR s.reserved <> coalesce(l.reserved, 0)""", String.class);
    }

    /** SKUs whose reserved figure differs from what their held reservations hold: must always be none. */
    public List<String> skusWhoseReservedDiffersFromHeldReservations() {
        return jdbc.queryForList("""
                SELECT s.sku FROM stock_item s
                  LEFT JOIN (SELECT l.sku, sum(l.quantity) AS held FROM reservation_line l
                               JOIN reservation r ON r.order_id = l.order_id AND r.status = 'HELD'
                              GROUP BY l.sku) h ON h.sku = s.sku
                 WHERE s.reserved <> coalesce(h.held, 0)""", String.class);
    }

    public Map<String, Object> reservation(UUID orderId) {
        return jdbc.queryForMap("SELECT * FROM reservation WHERE order_id = ?", orderId);
    }
}
