package dev.atelier.catalog.review;

/** Where a review comes from: this store's customers, or a marketplace's feedback (kept apart). */
public enum ReviewSource {
    STORE, MARKETPLACE
}
