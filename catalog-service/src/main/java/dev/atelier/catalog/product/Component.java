package dev.atelier.catalog.product;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** So many units of a stocked SKU in one unit of a bundle variant. */
@Embeddable
public record Component(@Column(name = "component_sku") String sku, @Column(name = "quantity") int quantity) {
}
