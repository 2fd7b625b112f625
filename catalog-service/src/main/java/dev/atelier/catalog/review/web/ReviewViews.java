package dev.atelier.catalog.review.web;

import dev.atelier.catalog.review.ProductReviews;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** How reviews look to shoppers, to their authors and to staff. */
final class ReviewViews {

    private ReviewViews() {
    }

    /** A published review as every shopper sees it. */
    record PublicReview(UUID id, int rating, @Nullable String title, String text, String authorName,
            boolean verifiedPurchase, Instant createdAt) {

        static PublicReview of(ProductReviews.Line line) {
            return new PublicReview(line.id(), line.rating(), line.title(), line.text(), line.authorName(),
                    line.verifiedPurchase(), line.createdAt());
        }
    }

    /** The author's view: the state of moderation too (and why a review was rejected). */
    record OwnReview(UUID id, String productSlug, String productName, int rating, @Nullable String title, String text,
            String authorName, String status, boolean verifiedPurchase, @Nullable String rejectionReason,
            Instant createdAt) {

        static OwnReview of(ProductReviews.Line line) {
            return new OwnReview(line.id(), line.productSlug(), line.productName(), line.rating(), line.title(),
                    line.text(), line.authorName(), line.status().name(), line.verifiedPurchase(),
                    line.rejectionReason(), line.createdAt());
        }
    }

    /** Staff's view for moderation. */
    record ModeratedReview(UUID id, String productSlug, String productName, String source, int rating,
            @Nullable String title, String text, String authorName, String status, boolean verifiedPurchase,
            @Nullable String rejectionReason, Instant createdAt, @Nullable Instant moderatedAt,
            @Nullable String moderatedBy) {

        static ModeratedReview of(ProductReviews.Line line) {
            return new ModeratedReview(line.id(), line.productSlug(), line.productName(), line.source().name(),
                    line.rating(), line.title(), line.text(), line.authorName(), line.status().name(),
                    line.verifiedPurchase(), line.rejectionReason(), line.createdAt(), line.moderatedAt(),
                    line.moderatedBy());
        }
    }
}
