package dev.atelier.catalog.review.web;

import dev.atelier.catalog.review.MarketplaceReviews;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Marketplace reviews over HTTP. Marketplace sync (or staff) imports one review at a time with
 * {@code PUT /api/admin/catalog/marketplace-reviews/{marketplace}/{externalId}}: 201 when new, 200 when it updated the
 * review already imported under that key (so a sync can send everything again). Shoppers read a product's
 * marketplace reviews apart from its store reviews, newest first.
 */
@RestController
class MarketplaceReviewController {

    private static final Pattern MARKETPLACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{1,31}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    record ImportReview(@Nullable @Size(max = 64) String sku, @Nullable @Size(max = 200) String productSlug,
            @NotNull @Min(1) @Max(5) Integer rating, @NotBlank @Size(max = 5000) String text,
            @NotBlank @Size(max = 60) String reviewerName, @NotNull Instant createdAt) {
    }

    /** A marketplace review as shoppers see it. */
    record PublicMarketplaceReview(UUID id, String marketplace, int rating, String text, String reviewerName,
            Instant createdAt) {

        static PublicMarketplaceReview of(MarketplaceReviews.Line line) {
            return new PublicMarketplaceReview(line.id(), line.marketplace(), line.rating(), line.text(),
                    line.reviewerName(), line.createdAt());
        }
    }

    /** Staff's view of an imported review. */
    record ImportedReview(UUID id, String marketplace, String externalId, String productSlug, int rating, String text,
            String reviewerName, Instant createdAt, String status, Instant importedAt) {

        static ImportedReview of(MarketplaceReviews.Line line) {
            return new ImportedReview(line.id(), line.marketplace(), line.externalId(), line.productSlug(),
                    line.rating(), line.text(), line.reviewerName(), line.createdAt(), line.status().name(),
                    line.importedAt());
        }
    }

    private final MarketplaceReviews reviews;
    private final Cursors cursors;

    MarketplaceReviewController(MarketplaceReviews reviews, Cursors cursors) {
        this.reviews = reviews;
        this.cursors = cursors;
    }

    @PutMapping("/api/admin/catalog/marketplace-reviews/{marketplace}/{externalId}")
    ResponseEntity<ImportedReview> importReview(@PathVariable String marketplace, @PathVariable String externalId,
            @Valid @RequestBody ImportReview review, Caller caller) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!MARKETPLACE.matcher(marketplace).matches()) {
            problems.add(new FieldProblem("marketplace", "a marketplace's name is 2 to 32 letters, digits or _, "
                    + "starting with a letter (EBAY, AMAZON_UK)"));
        }
        if (!EXTERNAL_ID.matcher(externalId).matches()) {
            problems.add(new FieldProblem("externalId", "the marketplace's id of the review is 1 to 100 letters, "
                    + "digits, '.', '_', ':' or '-'"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.validation(problems);
        }
        MarketplaceReviews.Imported imported = reviews.upsert(new MarketplaceReviews.Feedback(marketplace, externalId,
                blankToNull(review.sku()), blankToNull(review.productSlug()), review.rating(), review.text().strip(),
                review.reviewerName().strip(), review.createdAt()), caller.actor());
        return ResponseEntity.status(imported.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ImportedReview.of(imported.review()));
    }

    @GetMapping("/api/catalog/products/{slug}/marketplace-reviews")
    CursorPage<PublicMarketplaceReview> published(@PathVariable String slug,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 10, 50);
        List<MarketplaceReviews.Line> fetched = reviews.published(slug, position(cursor), size + 1);
        return CursorPage.of(fetched, size, line -> ChronoUnit.MICROS.between(Instant.EPOCH, line.createdAt()) + ":"
                + line.seq(), cursors).map(PublicMarketplaceReview::of);
    }

    private MarketplaceReviews.@Nullable Position position(@Nullable String cursor) {
        String key = cursors.decode(cursor);
        if (key == null) {
            return null;
        }
        try {
            int colon = key.indexOf(':');
            long micros = Long.parseLong(key.substring(0, colon));
            return new MarketplaceReviews.Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
                    Long.parseLong(key.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this API handed out");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
