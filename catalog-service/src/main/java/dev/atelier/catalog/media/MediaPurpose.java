package dev.atelier.catalog.media;

/** Who uploaded an image and why: staff for a product's gallery, a shopper for a personalisation. */
public enum MediaPurpose {
    PRODUCT, PERSONALISATION
}
