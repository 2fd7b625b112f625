package dev.atelier.catalog.product;

/** A STANDARD product's variants are stocked; a BUNDLE's variants are made of other SKUs. */
public enum ProductKind {
    STANDARD, BUNDLE
}
