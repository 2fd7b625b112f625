package dev.atelier.catalog.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A customer's review of a product: a rating from 1 to 5 and a text, PENDING until staff publish or reject it. A
 * published review can still be taken down (rejected); a rejected one stays rejected. When its author is forgotten,
 * a published review keeps its rating (it counts in the product's average) and loses everything else.
 */
@Entity
@Table(name = "review")
public class Review {

    static final String ERASED_AUTHOR = "Former customer";

    @Id
    private UUID id;

    @Column(name = "product_id")
    private UUID productId;

    @Enumerated(EnumType.STRING)
    private ReviewSource source;

    @Column(name = "customer_id")
    private @Nullable UUID customerId;

    @Column(name = "author_name")
    private String authorName;

    private short rating;
    private @Nullable String title;
    private String body;

    @Enumerated(EnumType.STRING)
    private ReviewStatus status;

    @Column(name = "verified_purchase")
    private boolean verifiedPurchase;

    @Column(name = "rejection_reason")
    private @Nullable String rejectionReason;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "moderated_at")
    private @Nullable Instant moderatedAt;

    @Column(name = "moderated_by")
    private @Nullable String moderatedBy;

    @Column(name = "erased_at")
    private @Nullable Instant erasedAt;

    @Version
    private @Nullable Long version;

    protected Review() {
        this.id = new UUID(0, 0);
        this.productId = new UUID(0, 0);
        this.source = ReviewSource.STORE;
        this.authorName = "";
        this.body = "";
        this.status = ReviewStatus.PENDING;
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    /** A customer's new review, waiting for moderation. */
    static Review byCustomer(UUID productId, UUID customerId, String authorName, int rating, @Nullable String title,
            String body, boolean verifiedPurchase, Instant now) {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("a rating is 1 to 5, not " + rating);
        }
        Review review = new Review();
        review.id = UUID.randomUUID();
        review.productId = productId;
        review.source = ReviewSource.STORE;
        review.customerId = customerId;
        review.authorName = authorName;
        review.rating = (short) rating;
        review.title = title;
        review.body = body;
        review.status = ReviewStatus.PENDING;
        review.verifiedPurchase = verifiedPurchase;
        review.createdAt = now;
        review.updatedAt = now;
        return review;
    }

    void publish(String moderator, Instant now) {
        if (status != ReviewStatus.PENDING) {
            throw new ReviewStateException("a " + status + " review cannot be published; only a pending one can");
        }
        status = ReviewStatus.PUBLISHED;
        moderated(moderator, now);
    }

    void reject(String moderator, String reason, Instant now) {
        if (status == ReviewStatus.REJECTED) {
            throw new ReviewStateException("the review is already rejected");
        }
        status = ReviewStatus.REJECTED;
        rejectionReason = reason;
        moderated(moderator, now);
    }

    /** Forgets the author: only the rating stays (for the product's average), hidden from the list. */
    void anonymise(Instant now) {
        customerId = null;
        authorName = ERASED_AUTHOR;
        title = null;
        body = "";
        rejectionReason = null;
        moderatedBy = null;
        erasedAt = now;
        updatedAt = now;
    }

    private void moderated(String moderator, Instant now) {
        moderatedBy = moderator;
        moderatedAt = now;
        updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID productId() {
        return productId;
    }

    public ReviewSource source() {
        return source;
    }

    public @Nullable UUID customerId() {
        return customerId;
    }

    public String authorName() {
        return authorName;
    }

    public int rating() {
        return rating;
    }

    public @Nullable String title() {
        return title;
    }

    public String body() {
        return body;
    }

    public ReviewStatus status() {
        return status;
    }

    public boolean verifiedPurchase() {
        return verifiedPurchase;
    }

    public @Nullable String rejectionReason() {
        return rejectionReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public @Nullable Instant moderatedAt() {
        return moderatedAt;
    }

    public @Nullable String moderatedBy() {
        return moderatedBy;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
