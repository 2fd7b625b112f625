package dev.atelier.catalog.sales;

import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Units sold of some SKUs: ever, and in the last 30 days. */
@Repository
public class Sales {

    /** Units sold, ever and in the last 30 days. */
    public record Sold(long lifetime, long last30Days) {
    }

    private final JdbcClient jdbc;

    Sales(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Sold of(Collection<String> skus) {
        if (skus.isEmpty()) {
            return new Sold(0, 0);
        }
        return jdbc.sql("""
                SELECT coalesce(sum(quantity), 0),
                       coalesce(sum(quantity) FILTER (WHERE day > current_date - 30), 0)
                  FROM sales_day WHERE sku IN (:skus)""").param("skus", skus)
                .query((rs, row) -> new Sold(rs.getLong(1), rs.getLong(2))).single();
    }
}
