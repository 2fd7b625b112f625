package dev.atelier.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor under catalog-service's reads: the statements each request runs (those of its ProductSearch for the
 * list and the search, including the misspelling fallback; for a product page the rows the page shows, in one
 * statement per table), straight over JDBC from {@code clients} virtual threads through a Hikari pool of the
 * service's size, with nothing of HTTP, JSON, JPA or Spring on top.
 */
final class CatalogFloor implements AutoCloseable {

    /** One kind of read's figures. */
    record Result(String read, long count, long failed, double perSecond, double p50, double p95, double p99) {
    }

    private interface Read {
        void run(Connection connection, ThreadLocalRandom random) throws SQLException;
    }

    private static final int LIMIT = 24;

    private final HikariDataSource pool;
    private final List<String> slugs;
    private final List<String> queries;

    CatalogFloor(String jdbcUrl, String user, int poolSize, List<String> slugs, List<String> queries) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setMaximumPoolSize(poolSize);
        config.setReadOnly(true);
        config.setAutoCommit(false); // a read-only transaction per request, as the service's @Transactional(readOnly = true)
        this.pool = new HikariDataSource(config);
        this.slugs = slugs;
        this.queries = queries;
    }

    List<Result> run(int clients, Duration duration) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        results.add(measure("product list", clients, duration, (c, r) -> list(c, null)));
        results.add(measure("product detail", clients, duration,
                (c, r) -> detail(c, slugs.get(r.nextInt(slugs.size())))));
        results.add(measure("search", clients, duration, (c, r) -> search(c, queries.get(r.nextInt(queries.size())))));
        return results;
    }

    private Result measure(String name, int clients, Duration duration, Read read) throws InterruptedException {
        ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try (Connection connection = pool.getConnection()) {
                        read.run(connection, random);
                        connection.commit();
                    } catch (SQLException e) {
                        failed.incrementAndGet();
                    }
                    samples.add(System.nanoTime() - start);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(name, sorted.length, failed.get(), sorted.length / (duration.toNanos() / 1e9),
                BenchSupport.percentileMillis(sorted, 0.50), BenchSupport.percentileMillis(sorted, 0.95),
                BenchSupport.percentileMillis(sorted, 0.99));
    }

    // ProductSearch.list: the candidates (newest first without a query; by relevance with one), then their cards
    private static final String IN_STOCK = """
            EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND CASE
                WHEN EXISTS (SELECT 1 FROM bundle_component b WHERE b.variant_id = v.id)
                THEN NOT EXISTS (SELECT 1 FROM bundle_component b LEFT JOIN stock_level s ON s.sku = b.component_sku
                                  WHERE b.variant_id = v.id AND coalesce(s.available, 0) < b.quantity)
                ELSE EXISTS (SELECT 1 FROM stock_level s WHERE s.sku = v.sku AND s.available > 0) END)""";
    private static final String EXACT = """
            EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id
                       AND (upper(v.part_number) = upper(?) OR v.sku = upper(?)))""";
    private static final String NEWEST_PAGE = """
            WITH candidates AS (
                SELECT p.id, p.slug, p.name, p.brand, p.min_price, p.currency, p.personalisable,
                       %s AS in_stock, (extract(epoch FROM p.published_at) * 1000000)::bigint AS sort_key
                  FROM product p WHERE p.status = 'ACTIVE')
            SELECT * FROM candidates c ORDER BY c.sort_key DESC, c.id LIMIT %d""".formatted(IN_STOCK, LIMIT + 1);
    private static final String RELEVANT_PAGE = """
            WITH candidates AS (
                SELECT p.id, p.slug, p.name, p.brand, p.min_price, p.currency, p.personalisable, %s AS in_stock,
                       (CASE WHEN %s THEN 1000000000000 ELSE 0 END
                        + round(ts_rank_cd(p.search, to_tsquery('english', ?)) * 1000000))::bigint AS sort_key
                  FROM product p
                 WHERE p.status = 'ACTIVE' AND (p.search @@ to_tsquery('english', ?) OR %s))
            SELECT * FROM candidates c ORDER BY c.sort_key DESC, c.id LIMIT %d"""
            .formatted(IN_STOCK, EXACT, EXACT, LIMIT + 1);

    private static void list(Connection connection, String[] terms) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        if (terms == null) {
            try (PreparedStatement page = connection.prepareStatement(NEWEST_PAGE); ResultSet rs = page.executeQuery()) {
                read(rs, ids);
            }
        } else {
            try (PreparedStatement page = connection.prepareStatement(RELEVANT_PAGE)) {
                page.setString(1, terms[1]);
                page.setString(2, terms[1]);
                page.setString(3, terms[0]);
                page.setString(4, terms[0]);
                page.setString(5, terms[1]);
                page.setString(6, terms[1]);
                try (ResultSet rs = page.executeQuery()) {
                    read(rs, ids);
                }
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        Array array = connection.createArrayOf("uuid", ids.toArray());
        query(connection, """
                SELECT v.product_id, v.sku, coalesce(v.price_amount, p.price_amount) AS price, p.currency,
                       v.part_number, a.name, a.value
                  FROM variant v JOIN product p ON p.id = v.product_id
                  LEFT JOIN variant_attribute a ON a.variant_id = v.id
                 WHERE v.product_id = ANY(?) ORDER BY v.product_id, v.position, a.name""", array);
        query(connection, "SELECT product_id, media_ref, alt_text FROM product_image WHERE product_id = ANY(?)"
                + " AND is_primary", array);
    }

    /** ProductSearch's search: the words as typed, else each unknown word replaced by the nearest known one. */
    private static void search(Connection connection, String query) throws SQLException {
        List<String> words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).limit(8).toList();
        if (!matchesAny(connection, words, query)) {
            List<String> corrected = new ArrayList<>();
            for (String word : words) {
                if (matchesAny(connection, List.of(word), null)) {
                    corrected.add(word);
                } else {
                    try (PreparedStatement similar = connection.prepareStatement("""
                            SELECT word FROM search_word WHERE word % ? ORDER BY similarity(word, ?) DESC, word
                             LIMIT 1""")) {
                        similar.setString(1, word);
                        similar.setString(2, word);
                        try (ResultSet rs = similar.executeQuery()) {
                            corrected.add(rs.next() ? rs.getString(1) : word);
                        }
                    }
                }
            }
            words = corrected;
        }
        list(connection, new String[] {tsquery(words), query});
    }

    private static boolean matchesAny(Connection connection, List<String> words, String exact) throws SQLException {
        String sql = "SELECT EXISTS (SELECT 1 FROM product p WHERE p.status = 'ACTIVE' AND (p.search @@ "
                + "to_tsquery('english', ?)" + (exact == null ? "" : " OR " + EXACT) + "))";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tsquery(words));
            if (exact != null) {
                statement.setString(2, exact);
                statement.setString(3, exact);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String tsquery(List<String> words) {
        return String.join(" & ", words.stream().map(w -> w + ":*").toList());
    }

    /** A product page's rows: the product and its category, variants with attributes, images, options, occasions. */
    private static void detail(Connection connection, String slug) throws SQLException {
        UUID id;
        try (PreparedStatement product = connection.prepareStatement("""
                SELECT p.*, c.slug, c.name, c.path FROM product p JOIN category c ON c.id = p.category_id
                 WHERE p.slug = ? AND p.status = 'ACTIVE'""")) {
            product.setString(1, slug);
            try (ResultSet rs = product.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no product " + slug);
                }
                id = rs.getObject("id", UUID.class);
            }
        }
        query(connection, """
                SELECT v.*, a.name, a.value, b.component_sku, b.quantity FROM variant v
                  LEFT JOIN variant_attribute a ON a.variant_id = v.id
                  LEFT JOIN bundle_component b ON b.variant_id = v.id
                 WHERE v.product_id = ? ORDER BY v.position""", id);
        query(connection, "SELECT * FROM product_image WHERE product_id = ? ORDER BY position", id);
        query(connection, """
                SELECT o.*, a.* FROM personalisation_option o LEFT JOIN option_allowed_value a ON a.option_id = o.id
                 WHERE o.product_id = ? ORDER BY o.position""", id);
        query(connection, """
                SELECT o.slug, o.name FROM product_occasion po JOIN occasion o ON o.id = po.occasion_id
                 WHERE po.product_id = ?""", id);
    }

    private static void read(ResultSet rs, List<UUID> ids) throws SQLException {
        while (rs.next()) {
            if (ids.size() < LIMIT) {
                ids.add(rs.getObject("id", UUID.class));
            }
        }
    }

    private static void query(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getObject(i);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
