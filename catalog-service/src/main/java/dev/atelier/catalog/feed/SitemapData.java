package dev.atelier.catalog.feed;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the storefront's sitemap.xml lists: products on sale, categories, occasions and blog posts, with a last change. */
@Service
public class SitemapData {

    /** One page of the store and when it last changed. */
    public record Entry(String path, Instant lastModified) {
    }

    /** The pages, by kind. */
    public record Sitemap(List<Entry> products, List<Entry> categories, List<Entry> occasions, List<Entry> posts) {
    }

    private final JdbcClient jdbc;

    SitemapData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Sitemap read() {
        return new Sitemap(
                entries("SELECT '/products/' || slug, updated_at FROM product WHERE status = 'ACTIVE' ORDER BY slug"),
                entries("""
                        SELECT '/categories/' || c.slug, greatest(c.updated_at, max(p.updated_at)) FROM category c
                          LEFT JOIN category d ON d.path LIKE c.path || '%'
                          LEFT JOIN product p ON p.category_id = d.id AND p.status = 'ACTIVE'
                         GROUP BY c.slug, c.updated_at ORDER BY c.slug"""),
                entries("""
                        SELECT '/occasions/' || o.slug, greatest(o.updated_at, max(p.updated_at)) FROM occasion o
                          LEFT JOIN product_occasion po ON po.occasion_id = o.id
                          LEFT JOIN product p ON p.id = po.product_id AND p.status = 'ACTIVE'
                         GROUP BY o.slug, o.updated_at ORDER BY o.slug"""),
                entries("SELECT '/blog/' || slug, updated_at FROM blog_post WHERE status = 'PUBLISHED' ORDER BY slug"));
    }

    private List<Entry> entries(String sql) {
        return jdbc.sql(sql).query((rs, n) -> new Entry(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
    }
}
