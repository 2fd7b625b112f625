package dev.atelier.events.catalog;

/** So many units of a stocked SKU go into one unit of a bundle. */
public record BundleComponent(String sku, int quantity) {
}
