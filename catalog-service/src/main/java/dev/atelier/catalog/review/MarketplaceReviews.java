package dev.atelier.catalog.review;

import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feedback left on marketplaces (eBay, Amazon, Etsy, …), imported by marketplace sync through staff's API: kept apart
 * from the store's reviews (source MARKETPLACE), never in the store's rating, listed on their own and rated on their
 * own. A review is found again by its marketplace and the marketplace's id for it, so importing it twice updates it;
 * it shows as imported (the marketplace published it), and staff may still take one down (reject) like any review,
 * which a later import does not undo.
 */
@Service
public class MarketplaceReviews {

    /** A marketplace review as shoppers and staff see it. */
    public record Line(UUID id, long seq, String marketplace, String externalId, String productSlug, int rating,
            String text, String reviewerName, Instant createdAt, ReviewStatus status, Instant importedAt) {
    }

    /** What an import did: the review, and whether it was new. */
    public record Imported(Line review, boolean created) {
    }

    /** What marketplace sync knows of one review; the product by one of its SKUs or by its slug. */
    public record Feedback(String marketplace, String externalId, @Nullable String sku, @Nullable String productSlug,
            int rating, String text, String reviewerName, Instant createdAt) {
    }

    private static final String SELECT_LINE = """
            SELECT r.id, r.seq, r.marketplace, r.external_id, p.slug, r.rating, r.body, r.author_name, r.created_at,
                   r.status, r.updated_at
              FROM review r JOIN product p ON p.id = r.product_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RenderedReads reads;

    MarketplaceReviews(JdbcClient jdbc, Clock clock, RenderedReads reads) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.reads = reads;
    }

    /**
     * Creates or updates the review of {@code feedback.marketplace()} with that id, in one statement (two imports of
     * the same review at once end as one row). An unknown product or a rating out of 1–5 is a 422. Only the kept
     * pages of the product (and of the one it was filed under before, if the import moved it) are forgotten: a sync
     * importing thousands of reviews must not empty the storefront's cache thousands of times.
     */
    @Transactional
    public Imported upsert(Feedback feedback, String importedBy) {
        if (feedback.rating() < 1 || feedback.rating() > 5) {
            throw ProblemException.unprocessable("invalid-rating", "a rating is 1 to 5, not " + feedback.rating());
        }
        UUID productId = product(feedback.sku(), feedback.productSlug());
        String marketplace = feedback.marketplace().toUpperCase(Locale.ROOT);
        List<UUID> shownOn = new ArrayList<>(List.of(productId));
        jdbc.sql("""
                SELECT product_id FROM review
                 WHERE source = 'MARKETPLACE' AND marketplace = :marketplace AND external_id = :externalId""")
                .param("marketplace", marketplace).param("externalId", feedback.externalId()).query(UUID.class)
                .optional().filter(before -> !before.equals(productId)).ifPresent(shownOn::add);
        record Upserted(UUID id, boolean created) {
        }
        Upserted upserted = jdbc.sql("""
                INSERT INTO review (id, product_id, source, marketplace, external_id, author_name, rating, body, status,
                                    created_at, updated_at, imported_by, version)
                VALUES (:id, :product, 'MARKETPLACE', :marketplace, :externalId, :name, :rating, :text, 'PUBLISHED',
                        :createdAt, :now, :actor, 0)
                ON CONFLICT (marketplace, external_id) WHERE source = 'MARKETPLACE' DO UPDATE
                   SET product_id = excluded.product_id, author_name = excluded.author_name,
                       rating = excluded.rating, body = excluded.body, created_at = excluded.created_at,
                       updated_at = excluded.updated_at, imported_by = excluded.imported_by,
                       version = review.version + 1
                RETURNING id, (xmax = 0) AS created""")
                .param("id", UUID.randomUUID()).param("product", productId)
                .param("marketplace", marketplace)
                .param("externalId", feedback.externalId()).param("name", feedback.reviewerName())
                .param("rating", feedback.rating()).param("text", feedback.text())
                .param("createdAt", Timestamp.from(feedback.createdAt()))
                .param("now", Timestamp.from(clock.instant())).param("actor", importedBy)
                .query((rs, row) -> new Upserted(rs.getObject("id", UUID.class), rs.getBoolean("created"))).single();
        reads.productPagesOf(jdbc.sql("SELECT sku FROM variant WHERE product_id IN (:products)")
                .param("products", shownOn).query(String.class).list());
        Line line = jdbc.sql(SELECT_LINE + " WHERE r.id = :id").param("id", upserted.id())
                .query(MarketplaceReviews::line).single();
        return new Imported(line, upserted.created());
    }

    /** A position in a product's marketplace reviews: newest first by the marketplace's date, ties by import. */
    public record Position(Instant createdAt, long seq) {
    }

    /** Published marketplace reviews of a product on sale, newest first, after {@code after}. */
    @Transactional(readOnly = true)
    public List<Line> published(String productSlug, @Nullable Position after, int limit) {
        UUID productId = jdbc.sql("SELECT id FROM product WHERE slug = :slug AND status = 'ACTIVE'")
                .param("slug", productSlug).query(UUID.class).optional()
                .orElseThrow(() -> ProblemException.notFound("unknown-product", "no product on sale has the slug '"
                        + productSlug + "'"));
        return jdbc.sql(SELECT_LINE + """
                 WHERE r.product_id = :product AND r.source = 'MARKETPLACE' AND r.status = 'PUBLISHED'
                   AND (CAST(:afterAt AS timestamptz) IS NULL OR (r.created_at, r.seq) < (:afterAt, :afterSeq))
                 ORDER BY r.created_at DESC, r.seq DESC LIMIT :limit""")
                .param("product", productId)
                .param("afterAt", after == null ? null : Timestamp.from(after.createdAt()))
                .param("afterSeq", after == null ? 0L : after.seq())
                .param("limit", limit).query(MarketplaceReviews::line).list();
    }

    /** The average (one decimal) and number of a product's published marketplace reviews, all marketplaces. */
    @Transactional(readOnly = true)
    public ProductReviews.Rating rating(UUID productId) {
        return jdbc.sql("""
                SELECT coalesce(round(avg(rating), 1), 0), count(*) FROM review
                 WHERE product_id = :product AND status = 'PUBLISHED' AND source = 'MARKETPLACE'""")
                .param("product", productId)
                .query((rs, row) -> new ProductReviews.Rating(rs.getDouble(1), rs.getLong(2))).single();
    }

    private UUID product(@Nullable String sku, @Nullable String slug) {
        if ((sku == null) == (slug == null)) {
            throw ProblemException.unprocessable("product-reference", "name the product by one of its SKUs (sku) or "
                    + "by its slug (productSlug), one of the two");
        }
        if (sku != null) {
            return jdbc.sql("SELECT product_id FROM variant WHERE sku = :sku").param("sku", sku).query(UUID.class)
                    .optional().orElseThrow(() -> ProblemException.unprocessable("unknown-product",
                            "no product has the SKU '" + sku + "'"));
        }
        return jdbc.sql("SELECT id FROM product WHERE slug = :slug").param("slug", slug).query(UUID.class)
                .optional().orElseThrow(() -> ProblemException.unprocessable("unknown-product",
                        "no product has the slug '" + slug + "'"));
    }

    private static Line line(ResultSet rs, int row) throws SQLException {
        return new Line(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getString("marketplace"),
                rs.getString("external_id"), rs.getString("slug"), rs.getInt("rating"), rs.getString("body"),
                rs.getString("author_name"), rs.getTimestamp("created_at").toInstant(),
                ReviewStatus.valueOf(rs.getString("status")), rs.getTimestamp("updated_at").toInstant());
    }
}
