package dev.atelier.catalog.product;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One image of the gallery, in the gallery's order; exactly one is primary (the card's picture). */
@Embeddable
public record ProductImage(@Column(name = "media_ref") String mediaRef, @Column(name = "alt_text") String altText,
        @Column(name = "is_primary") boolean primary) {
}
