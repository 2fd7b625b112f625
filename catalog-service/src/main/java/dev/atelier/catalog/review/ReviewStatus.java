package dev.atelier.catalog.review;

/** Where a review is in moderation: shoppers see PUBLISHED ones only. */
public enum ReviewStatus {
    PENDING, PUBLISHED, REJECTED
}
