package dev.atelier.catalog.product;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a product's read-side columns in step with it, in the transaction of the change: the weighted search
 * document (name A, part numbers, SKUs and brand B, description C), the lowest price of its variants, whether it
 * is personalisable, and the words of its name and brand for "did you mean". One SQL statement each, because the
 * document spans the product and its variants; the caller flushes JPA first.
 */
@Component
class SearchIndex {

    private final JdbcClient jdbc;

    SearchIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void refresh(UUID productId) {
        jdbc.sql("""
                UPDATE product p SET
                    search = setweight(to_tsvector('english', p.name), 'A')
                          || setweight(to_tsvector('english', coalesce(p.brand, '') || ' ' || coalesce(
                                 (SELECT string_agg(concat_ws(' ', v.sku, v.part_number, v.barcode), ' ')
                                    FROM variant v WHERE v.product_id = p.id), '')), 'B')
                          || setweight(to_tsvector('english', p.description), 'C'),
                    min_price = (SELECT min(coalesce(v.price_amount, p.price_amount)) FROM variant v
                                  WHERE v.product_id = p.id),
                    personalisable = EXISTS (SELECT 1 FROM personalisation_option o WHERE o.product_id = p.id)
                 WHERE p.id = :id""").param("id", productId).update();
        jdbc.sql("""
                INSERT INTO search_word (word)
                SELECT DISTINCT w FROM product p,
                       regexp_split_to_table(lower(p.name || ' ' || coalesce(p.brand, '')), '[^[:alnum:]]+') AS w
                 WHERE p.id = :id AND length(w) >= 3
                ON CONFLICT DO NOTHING""").param("id", productId).update();
    }
}
