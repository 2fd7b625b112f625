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

    /** Keeps the figure; an older event arriving after a newer one cannot happen per SKU (one partition per key). */
    void record(String sku, long available) {
        jdbc.sql("""
                INSERT INTO stock_level (sku, available, updated_at) VALUES (:sku, :available, now())
                ON CONFLICT (sku) DO UPDATE SET available = excluded.available, updated_at = excluded.updated_at""")
                .param("sku", sku).param("available", available).update();
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
