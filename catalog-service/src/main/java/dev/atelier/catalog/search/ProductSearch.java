package dev.atelier.catalog.search;

import dev.atelier.events.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The storefront's listing and search, in PostgreSQL: filters, one of five orders, keyset pages and facet counts
 * over the same filters. Plain SQL (JdbcClient) because a listing is one statement over the product, its variants,
 * the stock read model and the sales counts; nothing here goes through JPA.
 *
 * <p>Search: the weighted tsvector (name, then part numbers, SKUs and brand, then description) with every word
 * matched as a prefix; a SKU or part number typed exactly ranks first. When the words as typed match nothing, each
 * word no product contains is replaced by the most similar word of the catalogue's names (pg_trgm), so that
 * "Chrismas mug" still finds the Christmas mug, and the answer says what was searched instead.
 */
@Service
public class ProductSearch {

    /** A card of the listing. */
    public record Card(UUID id, String slug, String name, @Nullable String brand, Money price, boolean inStock,
            boolean personalisable, @Nullable Image image, List<CardVariant> variants) {
    }

    /** A variant as the card shows it. */
    public record CardVariant(String sku, Money price, Map<String, String> attributes, @Nullable String partNumber) {
    }

    /** The card's picture. */
    public record Image(String mediaRef, String url, String altText) {
    }

    /** What was searched: the words as typed and, when they matched nothing, the corrected words used instead. */
    public record Searched(String query, String searchedFor, boolean corrected) {
    }

    /** One page of cards, with the key of the last one when more follow. */
    public record Page(List<Card> items, @Nullable Key next, @Nullable Searched search) {
    }

    /** Position in an order: the last card's sort key and id. */
    public record Key(Sort sort, long value, UUID id) {
    }

    /** Facet counts of the products the filters select. */
    public record Facets(long total, List<Count> categories, List<Count> occasions, List<Count> brands,
            List<PriceBand> priceBands, List<Count> conditions, @Nullable Searched search) {
    }

    /** How many selected products carry a value. */
    public record Count(String value, String label, long count) {
    }

    /** How many selected products start at a price in [min, max) (max none for the top band). */
    public record PriceBand(long min, @Nullable Long max, long count) {
    }

    static final long[] BANDS = {0, 1000, 2500, 5000, 10000, 25000};

    private static final String EXACT_BOOST = "1000000000000";

    private final JdbcClient jdbc;

    ProductSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Page list(ProductFilter filter, Sort sort, @Nullable Key after, int limit) {
        if (after != null && after.sort() != sort) {
            throw new IllegalArgumentException("the cursor belongs to another sort order");
        }
        Optional<SearchTerms> terms = terms(filter);
        Sql sql = new Sql();
        String where = where(filter, terms, sql);
        String key = sortKey(sort, terms.isPresent());
        String direction = sort.ascending() ? "ASC" : "DESC";
        String keyset = "";
        if (after != null) {
            sql.param("afterValue", after.value()).param("afterId", after.id());
            keyset = "WHERE (c.sort_key " + (sort.ascending() ? ">" : "<") + " :afterValue"
                    + " OR (c.sort_key = :afterValue AND c.id > :afterId))";
        }
        sql.param("limit", limit + 1);
        String statement = """
                WITH candidates AS (
                    SELECT p.id, p.slug, p.name, p.brand, p.min_price, p.currency, p.personalisable,
                           %s AS in_stock, %s AS sort_key
                      FROM product p
                     WHERE %s
                )
                SELECT * FROM candidates c %s ORDER BY c.sort_key %s, c.id LIMIT :limit"""
                .formatted(IN_STOCK, key, where, keyset, direction);
        List<Row> rows = sql.bind(jdbc.sql(statement)).query((rs, n) -> new Row(rs.getObject("id", UUID.class),
                rs.getString("slug"), rs.getString("name"), rs.getString("brand"), rs.getLong("min_price"),
                rs.getString("currency"), rs.getBoolean("in_stock"), rs.getBoolean("personalisable"),
                rs.getLong("sort_key"))).list();
        Key next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Row last = rows.getLast();
            next = new Key(sort, last.sortKey(), last.id());
        }
        return new Page(cards(rows), next, terms.map(ProductSearch::searched).orElse(null));
    }

    @Transactional(readOnly = true)
    public Facets facets(ProductFilter filter) {
        Optional<SearchTerms> terms = terms(filter);
        Sql sql = new Sql();
        String matched = "WITH matched AS (SELECT p.id, p.category_id, p.brand, p.min_price FROM product p WHERE "
                + where(filter, terms, sql) + ") ";
        long total = sql.bind(jdbc.sql(matched + "SELECT count(*) FROM matched")).query(Long.class).single();
        List<Count> categories = sql.bind(jdbc.sql(matched + """
                SELECT c.slug, c.name, count(DISTINCT m.id) FROM matched m
                  JOIN category own ON own.id = m.category_id
                  JOIN category c ON own.path LIKE c.path || '%'
                 GROUP BY c.slug, c.name, c.path ORDER BY c.path"""))
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
        List<Count> occasions = sql.bind(jdbc.sql(matched + """
                SELECT o.slug, o.name, count(*) FROM matched m
                  JOIN product_occasion po ON po.product_id = m.id JOIN occasion o ON o.id = po.occasion_id
                 GROUP BY o.slug, o.name ORDER BY o.name"""))
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
        List<Count> brands = sql.bind(jdbc.sql(matched + """
                SELECT m.brand, count(*) FROM matched m WHERE m.brand IS NOT NULL GROUP BY m.brand ORDER BY m.brand"""))
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(1), rs.getLong(2))).list();
        List<Count> conditions = sql.bind(jdbc.sql(matched + """
                SELECT a.value, count(DISTINCT m.id) FROM matched m
                  JOIN variant v ON v.product_id = m.id
                  JOIN variant_attribute a ON a.variant_id = v.id AND a.name = 'condition'
                 GROUP BY a.value ORDER BY a.value"""))
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(1), rs.getLong(2))).list();
        Map<Integer, Long> perBand = new TreeMap<>();
        sql.bind(jdbc.sql(matched + "SELECT width_bucket(m.min_price, ARRAY[" + bandList() + "]::bigint[]), count(*) "
                + "FROM matched m GROUP BY 1"))
                .query((rs, n) -> perBand.put(rs.getInt(1), rs.getLong(2))).list();
        List<PriceBand> bands = new ArrayList<>();
        for (int i = 0; i < BANDS.length; i++) {
            long count = perBand.getOrDefault(i + 1, 0L);
            if (count > 0) {
                bands.add(new PriceBand(BANDS[i], i + 1 < BANDS.length ? BANDS[i + 1] : null, count));
            }
        }
        return new Facets(total, categories, occasions, brands, bands, conditions,
                terms.map(ProductSearch::searched).orElse(null));
    }

    private static String bandList() {
        StringBuilder list = new StringBuilder();
        for (long band : BANDS) {
            list.append(list.isEmpty() ? "" : ",").append(band);
        }
        return list.toString();
    }

    private static Searched searched(SearchTerms terms) {
        return new Searched(terms.original(), terms.text(), !terms.words().equals(SearchTerms.of(terms.original()).words()));
    }

    // a bundle is in stock when every component is; a stocked variant when inventory last said some are available
    private static final String IN_STOCK = """
            EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND CASE
                WHEN EXISTS (SELECT 1 FROM bundle_component b WHERE b.variant_id = v.id)
                THEN NOT EXISTS (SELECT 1 FROM bundle_component b LEFT JOIN stock_level s ON s.sku = b.component_sku
                                  WHERE b.variant_id = v.id AND coalesce(s.available, 0) < b.quantity)
                ELSE EXISTS (SELECT 1 FROM stock_level s WHERE s.sku = v.sku AND s.available > 0) END)""";

    private static final String EXACT = """
            EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id
                       AND (upper(v.part_number) = upper(:exact) OR v.sku = upper(:exact)))""";

    private static final String SOLD_30_DAYS = """
            (SELECT coalesce(sum(d.quantity), 0) FROM sales_day d JOIN variant v ON v.sku = d.sku
              WHERE v.product_id = p.id AND d.day > current_date - 30)""";

    private static final String NEWEST = "(extract(epoch FROM p.published_at) * 1000000)::bigint";

    private static String sortKey(Sort sort, boolean searching) {
        return switch (sort) {
            case RELEVANCE -> searching
                    ? "(CASE WHEN " + EXACT + " THEN " + EXACT_BOOST + " ELSE 0 END"
                            + " + round(ts_rank_cd(p.search, to_tsquery('english', :tsquery)) * 1000000))::bigint"
                    : NEWEST;
            case PRICE_ASC, PRICE_DESC -> "p.min_price";
            case NEWEST -> NEWEST;
            case BESTSELLING -> SOLD_30_DAYS;
        };
    }

    private static String where(ProductFilter filter, Optional<SearchTerms> terms, Sql sql) {
        List<String> conditions = new ArrayList<>();
        conditions.add("p.status = 'ACTIVE'");
        if (filter.q() != null) {
            sql.param("exact", filter.q());
            if (terms.isPresent()) {
                sql.param("tsquery", terms.get().tsquery());
                conditions.add("(p.search @@ to_tsquery('english', :tsquery) OR " + EXACT + ")");
            } else {
                conditions.add(EXACT);
            }
        }
        if (filter.category() != null) {
            sql.param("category", filter.category());
            conditions.add("p.category_id IN (SELECT d.id FROM category c JOIN category d ON d.path LIKE c.path || '%'"
                    + " WHERE c.slug = :category)");
        }
        if (filter.occasion() != null) {
            sql.param("occasion", filter.occasion());
            conditions.add("EXISTS (SELECT 1 FROM product_occasion po JOIN occasion o ON o.id = po.occasion_id"
                    + " WHERE po.product_id = p.id AND o.slug = :occasion)");
        }
        if (filter.minPrice() != null) {
            sql.param("minPrice", filter.minPrice());
            conditions.add("p.min_price >= :minPrice");
        }
        if (filter.maxPrice() != null) {
            sql.param("maxPrice", filter.maxPrice());
            conditions.add("p.min_price <= :maxPrice");
        }
        if (filter.personalisable() != null) {
            sql.param("personalisable", filter.personalisable());
            conditions.add("p.personalisable = :personalisable");
        }
        if (filter.inStock() != null) {
            conditions.add((filter.inStock() ? "" : "NOT ") + IN_STOCK);
        }
        if (filter.brand() != null) {
            sql.param("brand", filter.brand());
            conditions.add("p.brand = :brand");
        }
        if (filter.condition() != null) {
            // as the conditions facet counts them: a product with a variant in that condition
            sql.param("condition", filter.condition());
            conditions.add("EXISTS (SELECT 1 FROM variant v JOIN variant_attribute a ON a.variant_id = v.id"
                    + " AND a.name = 'condition' WHERE v.product_id = p.id AND a.value = :condition)");
        }
        return String.join(" AND ", conditions);
    }

    /** The words to search for: as typed, or corrected when as typed they match no product on sale. */
    private Optional<SearchTerms> terms(ProductFilter filter) {
        if (filter.q() == null) {
            return Optional.empty();
        }
        SearchTerms typed = SearchTerms.of(filter.q());
        if (typed.isEmpty() || matchesAny(typed, filter.q())) {
            return typed.isEmpty() ? Optional.empty() : Optional.of(typed);
        }
        List<String> corrected = new ArrayList<>();
        for (String word : typed.words()) {
            if (matchesAny(typed.withWords(List.of(word)), null)) {
                corrected.add(word);
            } else {
                corrected.add(jdbc.sql("""
                        SELECT word FROM search_word WHERE word % :word
                         ORDER BY similarity(word, :word) DESC, word LIMIT 1""")
                        .param("word", word).query(String.class).optional().orElse(word));
            }
        }
        return Optional.of(typed.withWords(corrected));
    }

    private boolean matchesAny(SearchTerms terms, @Nullable String exact) {
        String condition = "p.search @@ to_tsquery('english', :tsquery)" + (exact == null ? "" : " OR " + EXACT);
        var statement = jdbc.sql("SELECT EXISTS (SELECT 1 FROM product p WHERE p.status = 'ACTIVE' AND (" + condition
                + "))").param("tsquery", terms.tsquery());
        if (exact != null) {
            statement = statement.param("exact", exact);
        }
        return Boolean.TRUE.equals(statement.query(Boolean.class).single());
    }

    private record Row(UUID id, String slug, String name, @Nullable String brand, long minPrice, String currency,
            boolean inStock, boolean personalisable, long sortKey) {
    }

    private List<Card> cards(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(Row::id).toList();
        Map<UUID, Map<String, CardVariant>> variants = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT v.product_id, v.sku, coalesce(v.price_amount, p.price_amount) AS price, p.currency,
                       v.part_number, a.name, a.value
                  FROM variant v JOIN product p ON p.id = v.product_id
                  LEFT JOIN variant_attribute a ON a.variant_id = v.id
                 WHERE v.product_id IN (:ids) ORDER BY v.product_id, v.position, a.name""")
                .param("ids", ids)
                .query(rs -> {
                    CardVariant variant = variants.computeIfAbsent(rs.getObject(1, UUID.class), id -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), sku -> {
                                try {
                                    return new CardVariant(sku, new Money(rs.getLong(3),
                                            Currency.getInstance(rs.getString(4))), new TreeMap<>(), rs.getString(5));
                                } catch (java.sql.SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
                    if (rs.getString(6) != null) {
                        variant.attributes().put(rs.getString(6), rs.getString(7));
                    }
                });
        Map<UUID, Image> images = new LinkedHashMap<>();
        jdbc.sql("SELECT product_id, media_ref, alt_text FROM product_image WHERE product_id IN (:ids) AND is_primary")
                .param("ids", ids)
                .query(rs -> {
                    images.put(rs.getObject(1, UUID.class), new Image(rs.getString(2),
                            "/api/catalog/media/" + rs.getString(2), rs.getString(3)));
                });
        return rows.stream().map(row -> new Card(row.id(), row.slug(), row.name(), row.brand(),
                new Money(row.minPrice(), Currency.getInstance(row.currency())), row.inStock(), row.personalisable(),
                images.get(row.id()), variants.getOrDefault(row.id(), Map.of()).values().stream()
                        .map(v -> new CardVariant(v.sku(), v.price(), Map.copyOf(v.attributes()), v.partNumber()))
                        .toList())).toList();
    }

    /** Named parameters collected while a statement is built, bound to each statement that uses them. */
    private static final class Sql {

        private final Map<String, Object> params = new LinkedHashMap<>();

        Sql param(String name, Object value) {
            params.put(name, value);
            return this;
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            return statement.params(params);
        }
    }
}
