package dev.atelier.catalog.stock;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What inventory last said is available per SKU. A SKU inventory never reported reads 0: a new product is out of
 * stock until its first delivery is received.
 */
@Repository
public class StockLevels {

    private final JdbcClient jdbc;

    StockLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the figure; an older event arriving after a newer one cannot happen per SKU (one partition per key).
     *
     * @return whether a product can have gone in or out of stock with it: the figure crossed zero, or the quantity a
     *         bundle takes of it
     */
    boolean record(String sku, long available) {
        long before = jdbc.sql("SELECT available FROM stock_level WHERE sku = :sku").param("sku", sku)
                .query(Long.class).optional().orElse(0L);
        jdbc.sql("""
                INSERT INTO stock_level (sku, available, updated_at) VALUES (:sku, :available, now())
                ON CONFLICT (sku) DO UPDATE SET available = excluded.available, updated_at = excluded.updated_at""")
                .param("sku", sku).param("available", available).update();
        if ((before > 0) != (available > 0)) {
            return true;
        }
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM bundle_component WHERE component_sku = :sku
                                  AND (:before >= quantity) <> (:after >= quantity))""")
                .param("sku", sku).param("before", before).param("after", available).query(Boolean.class).single();
    }

    public Map<String, Long> available(Collection<String> skus) {
        Map<String, Long> available = new HashMap<>();
        skus.forEach(sku -> available.put(sku, 0L));
        if (!skus.isEmpty()) {
            jdbc.sql("SELECT sku, available FROM stock_level WHERE sku IN (:skus)").param("skus", skus)
                    .query((rs, row) -> available.put(rs.getString(1), rs.getLong(2))).list();
        }
        return available;
    }
}
