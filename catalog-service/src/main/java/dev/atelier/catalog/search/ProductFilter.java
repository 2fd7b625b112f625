package dev.atelier.catalog.search;

import org.jspecify.annotations.Nullable;

/** What the shopper narrowed the listing to; every field is optional. Prices are minor units. */
public record ProductFilter(@Nullable String q, @Nullable String category, @Nullable String occasion,
        @Nullable Long minPrice, @Nullable Long maxPrice, @Nullable Boolean inStock, @Nullable Boolean personalisable,
        @Nullable String brand, @Nullable String condition) {

    /** The filters without a brand or a condition. */
    public ProductFilter(@Nullable String q, @Nullable String category, @Nullable String occasion,
            @Nullable Long minPrice, @Nullable Long maxPrice, @Nullable Boolean inStock,
            @Nullable Boolean personalisable) {
        this(q, category, occasion, minPrice, maxPrice, inStock, personalisable, null, null);
    }

    public ProductFilter {
        if (minPrice != null && minPrice < 0 || maxPrice != null && maxPrice < 0) {
            throw new IllegalArgumentException("minPrice and maxPrice must not be negative");
        }
        if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
            throw new IllegalArgumentException("minPrice must not be above maxPrice");
        }
        if (q != null && q.length() > 200) {
            throw new IllegalArgumentException("q must be at most 200 characters");
        }
        if (brand != null && brand.length() > 200 || condition != null && condition.length() > 200) {
            throw new IllegalArgumentException("brand and condition must be at most 200 characters");
        }
        q = q == null || q.isBlank() ? null : q.strip();
        brand = brand == null || brand.isBlank() ? null : brand.strip();
        condition = condition == null || condition.isBlank() ? null : condition.strip();
    }
}
