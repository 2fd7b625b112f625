package dev.atelier.catalog.review;

import dev.atelier.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviews of products: a customer writes one per product (PENDING, marked a verified purchase when order-service
 * told us that customer bought one of its SKUs), staff publish or reject it, shoppers read the published ones newest
 * first and the product shows their average and count. Lists are plain SQL with a keyset on {@code seq}; products
 * are read from their table here rather than through the product feature, which itself shows the rating.
 */
@Service
public class ProductReviews {

    static final String DEFAULT_AUTHOR = "A customer";

    /** A review as lists show it. */
    public record Line(UUID id, long seq, UUID productId, String productSlug, String productName, ReviewSource source,
            String authorName, int rating, @Nullable String title, String text, ReviewStatus status,
            boolean verifiedPurchase, @Nullable String rejectionReason, Instant createdAt,
            @Nullable Instant moderatedAt, @Nullable String moderatedBy) {
    }

    /** The average rating (one decimal) and the number of published store reviews of a product. */
    public record Rating(double average, long count) {
    }

    private static final String SELECT_LINE = """
            SELECT r.id, r.seq, r.product_id, p.slug, p.name, r.source, r.author_name, r.rating, r.title, r.body,
                   r.status, r.verified_purchase, r.rejection_reason, r.created_at, r.moderated_at, r.moderated_by
              FROM review r JOIN product p ON p.id = r.product_id
            """;

    private final Reviews reviews;
    private final JdbcClient jdbc;
    private final Clock clock;

    ProductReviews(Reviews reviews, JdbcClient jdbc) {
        this.reviews = reviews;
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /**
     * The customer's review of a product on sale, waiting for moderation. A second review of the same product by the
     * same customer is a 409 (the unique index settles a race the same way).
     */
    @Transactional
    public Line write(UUID customerId, String productSlug, int rating, @Nullable String title, String text,
            @Nullable String authorName) {
        UUID productId = jdbc.sql("SELECT id FROM product WHERE slug = :slug AND status = 'ACTIVE'")
                .param("slug", productSlug).query(UUID.class).optional()
                .orElseThrow(() -> ProblemException.unprocessable("unknown-product",
                        "no product on sale has the slug '" + productSlug + "'").with("field", "productSlug"));
        boolean exists = jdbc.sql("""
                SELECT count(*) > 0 FROM review
                 WHERE product_id = :product AND customer_id = :customer AND source = 'STORE'""")
                .param("product", productId).param("customer", customerId).query(Boolean.class).single();
        if (exists) {
            throw ProblemException.conflict("review-exists",
                    "you have already reviewed this product; withdraw that review to write a new one");
        }
        boolean bought = jdbc.sql("""
                SELECT count(*) > 0 FROM purchase
                 WHERE customer_id = :customer AND sku IN (SELECT sku FROM variant WHERE product_id = :product)""")
                .param("customer", customerId).param("product", productId).query(Boolean.class).single();
        String author = authorName == null || authorName.isBlank() ? DEFAULT_AUTHOR : authorName.strip();
        Review review = reviews.saveAndFlush(Review.byCustomer(productId, customerId, author, rating,
                title == null || title.isBlank() ? null : title.strip(), text.strip(), bought, clock.instant()));
        return line(review.id()).orElseThrow();
    }

    /** The customer's own reviews, newest first, whatever their state. */
    @Transactional(readOnly = true)
    public List<Line> of(UUID customerId) {
        return jdbc.sql(SELECT_LINE + " WHERE r.customer_id = :customer ORDER BY r.seq DESC")
                .param("customer", customerId).query(ProductReviews::line).list();
    }

    /** Withdraws one of the customer's reviews; another customer's is as unknown as one that does not exist. */
    @Transactional
    public void withdraw(UUID customerId, UUID reviewId) {
        Review review = reviews.findById(reviewId).filter(r -> customerId.equals(r.customerId()))
                .orElseThrow(() -> unknown(reviewId));
        reviews.delete(review);
    }

    /** Published store reviews of a product on sale, newest first, after a position of the list. */
    @Transactional(readOnly = true)
    public List<Line> published(String productSlug, @Nullable Long beforeSeq, int limit) {
        UUID productId = productOnSale(productSlug);
        return jdbc.sql(SELECT_LINE + """
                 WHERE r.product_id = :product AND r.status = 'PUBLISHED' AND r.source = 'STORE'
                   AND r.erased_at IS NULL AND r.seq < :before
                 ORDER BY r.seq DESC LIMIT :limit""")
                .param("product", productId).param("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
                .param("limit", limit).query(ProductReviews::line).list();
    }

    /** The rating of a product: published store reviews (an anonymised one still counts). */
    @Transactional(readOnly = true)
    public Rating rating(UUID productId) {
        return jdbc.sql("""
                SELECT coalesce(round(avg(rating), 1), 0), count(*) FROM review
                 WHERE product_id = :product AND status = 'PUBLISHED' AND source = 'STORE'""")
                .param("product", productId)
                .query((rs, row) -> new Rating(rs.getDouble(1), rs.getLong(2))).single();
    }

    /** Staff's queue: the reviews in a state (every state when null), oldest first, after a position. */
    @Transactional(readOnly = true)
    public List<Line> inModeration(@Nullable ReviewStatus status, @Nullable Long afterSeq, int limit) {
        return jdbc.sql(SELECT_LINE + """
                 WHERE (CAST(:status AS text) IS NULL OR r.status = :status) AND r.seq > :after
                 ORDER BY r.seq LIMIT :limit""")
                .param("status", status == null ? null : status.name())
                .param("after", afterSeq == null ? 0L : afterSeq).param("limit", limit)
                .query(ProductReviews::line).list();
    }

    @Transactional
    public Line publish(UUID reviewId, String moderator) {
        Review review = reviews.findById(reviewId).orElseThrow(() -> unknown(reviewId));
        moderate(() -> review.publish(moderator, clock.instant()));
        reviews.flush();
        return line(reviewId).orElseThrow();
    }

    @Transactional
    public Line reject(UUID reviewId, String moderator, String reason) {
        Review review = reviews.findById(reviewId).orElseThrow(() -> unknown(reviewId));
        moderate(() -> review.reject(moderator, reason.strip(), clock.instant()));
        reviews.flush();
        return line(reviewId).orElseThrow();
    }

    /**
     * Remembers that a signed-in customer bought these SKUs (order paid or delivered) and marks that customer's
     * reviews of their products as verified purchases.
     */
    @Transactional
    public void bought(UUID customerId, UUID orderId, Collection<String> skus, @Nullable Instant confirmedAt,
            @Nullable Instant deliveredAt) {
        for (String sku : skus) {
            jdbc.sql("""
                    INSERT INTO purchase (customer_id, sku, order_id, confirmed_at, delivered_at)
                    VALUES (:customer, :sku, :order, :confirmed, :delivered)
                    ON CONFLICT (customer_id, sku, order_id) DO UPDATE
                       SET confirmed_at = coalesce(purchase.confirmed_at, excluded.confirmed_at),
                           delivered_at = coalesce(purchase.delivered_at, excluded.delivered_at)""")
                    .param("customer", customerId).param("sku", sku).param("order", orderId)
                    .param("confirmed", confirmedAt == null ? null : java.sql.Timestamp.from(confirmedAt))
                    .param("delivered", deliveredAt == null ? null : java.sql.Timestamp.from(deliveredAt))
                    .update();
        }
        if (!skus.isEmpty()) {
            jdbc.sql("""
                    UPDATE review SET verified_purchase = true, version = version + 1
                     WHERE customer_id = :customer AND NOT verified_purchase
                       AND product_id IN (SELECT product_id FROM variant WHERE sku IN (:skus))""")
                    .param("customer", customerId).param("skus", skus).update();
        }
    }

    /** What this service knows of the customer's purchases (SKU, order, when paid and delivered), for an export. */
    @Transactional(readOnly = true)
    public List<Purchase> purchasesOf(UUID customerId) {
        return jdbc.sql("""
                SELECT sku, order_id, confirmed_at, delivered_at FROM purchase
                 WHERE customer_id = :customer ORDER BY sku, order_id""").param("customer", customerId)
                .query((rs, row) -> new Purchase(rs.getString(1), rs.getObject(2, UUID.class),
                        instant(rs, 3), instant(rs, 4))).list();
    }

    /** A purchase as this service learnt it from order-service. */
    public record Purchase(String sku, UUID orderId, @Nullable Instant confirmedAt, @Nullable Instant deliveredAt) {
    }

    /** What erasing a customer did. */
    public record Erased(long deleted, long anonymised) {
    }

    /**
     * Forgets a customer: reviews never published (pending or rejected) and purchases are deleted; published reviews
     * are anonymised, so that their ratings stay in the products' averages without anything that was the customer's.
     * Erasing again finds nothing.
     */
    @Transactional
    public Erased erase(UUID customerId) {
        long deleted = 0;
        long anonymised = 0;
        for (Review review : reviews.findByCustomerId(customerId)) {
            if (review.status() == ReviewStatus.PUBLISHED) {
                review.anonymise(clock.instant());
                anonymised++;
            } else {
                reviews.delete(review);
                deleted++;
            }
        }
        reviews.flush();
        deleted += jdbc.sql("DELETE FROM purchase WHERE customer_id = :customer").param("customer", customerId).update();
        return new Erased(deleted, anonymised);
    }

    private UUID productOnSale(String slug) {
        return jdbc.sql("SELECT id FROM product WHERE slug = :slug AND status = 'ACTIVE'").param("slug", slug)
                .query(UUID.class).optional()
                .orElseThrow(() -> ProblemException.notFound("unknown-product", "no product on sale has the slug '"
                        + slug + "'"));
    }

    private Optional<Line> line(UUID reviewId) {
        return jdbc.sql(SELECT_LINE + " WHERE r.id = :id").param("id", reviewId).query(ProductReviews::line).optional();
    }

    private static void moderate(Runnable step) {
        try {
            step.run();
        } catch (ReviewStateException e) {
            throw ProblemException.conflict("review-state", e.getMessage());
        }
    }

    private static ProblemException unknown(UUID reviewId) {
        return ProblemException.notFound("unknown-review", "no review " + reviewId);
    }

    private static Line line(ResultSet rs, int row) throws SQLException {
        return new Line(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getObject("product_id", UUID.class),
                rs.getString("slug"), rs.getString("name"), ReviewSource.valueOf(rs.getString("source")),
                rs.getString("author_name"), rs.getInt("rating"), rs.getString("title"), rs.getString("body"),
                ReviewStatus.valueOf(rs.getString("status")), rs.getBoolean("verified_purchase"),
                rs.getString("rejection_reason"), java.util.Objects.requireNonNull(instant(rs, "created_at")),
                instant(rs, "moderated_at"),
                rs.getString("moderated_by"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
