package dev.atelier.catalog.product;

/** DRAFT until staff publish it, ACTIVE while on sale, ARCHIVED once retired (never deleted: orders refer to it). */
public enum ProductStatus {
    DRAFT, ACTIVE, ARCHIVED
}
