package dev.atelier.catalog.review.web;

import dev.atelier.catalog.review.ProductReviews;
import dev.atelier.catalog.review.ReviewStatus;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reviews over HTTP: shoppers read a product's published reviews; a signed-in customer writes, lists and withdraws
 * their own under {@code /api/account/reviews} (the token's subject is the author, never a field of the body); staff
 * moderate under {@code /api/admin/catalog/reviews} (platform/web checks both kinds of token).
 */
@RestController
class ReviewController {

    record WriteReview(@NotBlank @Size(max = 200) String productSlug, @NotNull @Min(1) @Max(5) Integer rating,
            @Nullable @Size(max = 120) String title, @NotBlank @Size(max = 5000) String text,
            @Nullable @Size(max = 60) String authorName) {
    }

    record Rejection(@NotBlank @Size(max = 500) String reason) {
    }

    private final ProductReviews reviews;
    private final Cursors cursors;

    ReviewController(ProductReviews reviews, Cursors cursors) {
        this.reviews = reviews;
        this.cursors = cursors;
    }

    @GetMapping("/api/catalog/products/{slug}/reviews")
    CursorPage<ReviewViews.PublicReview> published(@PathVariable String slug,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 10, 50);
        List<ProductReviews.Line> fetched = reviews.published(slug, position(cursor), size + 1);
        return CursorPage.of(fetched, size, line -> Long.toString(line.seq()), cursors)
                .map(ReviewViews.PublicReview::of);
    }

    @PostMapping("/api/account/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    ReviewViews.OwnReview write(@Valid @RequestBody WriteReview review, Caller caller) {
        return ReviewViews.OwnReview.of(reviews.write(caller.customerId(), review.productSlug(), review.rating(),
                review.title(), review.text(), review.authorName()));
    }

    @GetMapping("/api/account/reviews")
    List<ReviewViews.OwnReview> mine(Caller caller) {
        return reviews.of(caller.customerId()).stream().map(ReviewViews.OwnReview::of).toList();
    }

    @DeleteMapping("/api/account/reviews/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable UUID id, Caller caller) {
        reviews.withdraw(caller.customerId(), id);
    }

    @GetMapping("/api/admin/catalog/reviews")
    CursorPage<ReviewViews.ModeratedReview> moderation(@RequestParam(required = false) @Nullable ReviewStatus status,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 25, 100);
        List<ProductReviews.Line> fetched = reviews.inModeration(status, position(cursor), size + 1);
        return CursorPage.of(fetched, size, line -> Long.toString(line.seq()), cursors)
                .map(ReviewViews.ModeratedReview::of);
    }

    @PostMapping("/api/admin/catalog/reviews/{id}/publish")
    ReviewViews.ModeratedReview publish(@PathVariable UUID id, Caller caller) {
        return ReviewViews.ModeratedReview.of(reviews.publish(id, caller.actor()));
    }

    @PostMapping("/api/admin/catalog/reviews/{id}/reject")
    ReviewViews.ModeratedReview reject(@PathVariable UUID id, @Valid @RequestBody Rejection rejection, Caller caller) {
        return ReviewViews.ModeratedReview.of(reviews.reject(id, caller.actor(), rejection.reason()));
    }

    private @Nullable Long position(@Nullable String cursor) {
        String key = cursors.decode(cursor);
        if (key == null) {
            return null;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this API handed out");
        }
    }
}
